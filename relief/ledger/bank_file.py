"""Reading a bank's account statement (sao kê tài khoản) as Vietnamese banks export it.

The file is read by the imports' reader (relief.imports.parsing: .xlsx, .xls, .ods or CSV in
UTF-8, UTF-16 or Windows-1258; the header found in the first 30 rows) with the statement's
own headings. The lines above the table name the bank, the account and the period; the
table has one row per transaction, then a total row ("Tổng số / Total") and the closing
balance, which are read apart. Two layouts are known (tests/ledger/bank_samples):

- Vietcombank's "Sao kê tài khoản / Account statement": bilingual headings, a reference
  number per transaction, debit and credit in two columns;
- VietinBank's "Lịch sử giao dịch": one signed amount column ("Số tiền", negative for money
  out), the counterpart's name in a column of its own, date and time in one cell.

BIDV's and Agribank's exports name their columns with the same words ("Ngày giao dịch",
"Số tiền ghi có", "Mô tả", "Nội dung") and are read by the same headings. This runs in a
worker process (relief.core.workers): it returns plain data, never raises.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from relief.core.errors import Invalid
from relief.core.i18n import current_language, gettext
from relief.core.text import fold
from relief.imports.columns import heading_key
from relief.imports.parsing import Headings, Table, cell_text, detect_kind, open_table

NO_HEADER = (
    "No table of transactions found: a statement needs the column of the transaction's date "
    "(“Ngày giao dịch”) and of the amount credited (“Số tiền ghi có”, “Ghi có” or “Số tiền”) "
    "in its first 30 rows."
)
NO_AMOUNT = "The statement has no column of the amount credited (“Số tiền ghi có”)."
NO_LINES = "The statement lists no transaction."
BAD_AMOUNT = "Row {row}: the amount “{value}” is not a number of đồng."

# Heading (folded, units and punctuation dropped) -> field; the first that starts a heading
# wins, in this order (so that "số tiền ghi có" is the credit, not a signed amount).
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("stt", "so thu tu", "no ")),
    ("booked_on", ("ngay giao dich", "ngay gd", "ngay hach toan", "transaction date", "ngay")),
    ("debit", ("so tien ghi no", "ghi no", "phat sinh no", "debit", "tien ra", "no vnd")),
    ("credit", ("so tien ghi co", "ghi co", "phat sinh co", "credit", "tien vao", "co vnd")),
    (
        "txn_ref",
        (
            "so tham chieu",
            "so ct",
            "so chung tu",
            "so giao dich",
            "ma giao dich",
            "so but toan",
            "reference",
            "doc no",
            "transaction no",
        ),
    ),
    (
        "description",
        ("noi dung", "mo ta", "dien giai", "description", "transactions in detail", "chi tiet"),
    ),
    ("balance", ("so du", "balance")),
    ("counterpart", ("ten doi ung", "ten tai khoan doi ung", "doi ung", "nguoi chuyen")),
    ("amount", ("so tien", "amount")),
)
_EXACT = {"tt": "", "no": "", "#": "", "co": "credit", "no vnd": "debit"}


def _starts(key: str, prefix: str) -> bool:
    """The heading is the prefix, or begins with it as whole words."""
    word = prefix.strip()
    return key == word or key.startswith(word + " ")


def match_heading(text: str) -> str | None:
    """The field a statement's column heading fills ("" a numbering column, None unknown)."""
    key = heading_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for name, prefixes in _PREFIXES:
        if any(
            key == p.strip() or key.startswith(p if p.endswith(" ") else p + " ") for p in prefixes
        ):
            return name
    return None


HEADINGS = Headings(match=match_heading, key="booked_on", missing=NO_HEADER)

BANKS = (  # (words of the bank's name in its title lines, folded) -> the bank's short name
    (("ngoai thuong", "vietcombank"), "Vietcombank"),
    (("cong thuong", "vietinbank"), "VietinBank"),
    (("bidv", "dau tu va phat trien"), "BIDV"),
    (("agribank", "nong nghiep va phat trien nong thon"), "Agribank"),
)
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ACCOUNT = re.compile(r"(?:so tai khoan|tai khoan|account number|account no)[^0-9]{0,30}(\d{6,20})")


def parse_day(value: Any) -> date | None:
    """A transaction's day: a date cell, or "07/10/2025" (a time after it is dropped)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _DATE.search(str(value or ""))
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_amount(value: Any) -> int | None:
    """Whole đồng from a cell: 500000, "500,000", "1.500.000", "500.000,00", "+200,000",
    "-11.000 VND". None for a blank cell; ValueError for text that is not an amount."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return round(value)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    text = re.sub(r"(?i)(vnd|đ|₫)$", "", text)
    if not text or text in "-+":
        return None
    sign = -1 if text.startswith("-") or (text.startswith("(") and text.endswith(")")) else 1
    text = text.strip("+-()")
    text = re.sub(r"[.,]\d{1,2}$", "", text)  # cents a bank adds to VND (",00")
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*|\d+", text):
        raise ValueError(value)
    return sign * int(re.sub(r"[.,]", "", text))


def _row_text(cells: list[Any]) -> str:
    return " ".join(cell_text(c) for c in cells if cell_text(c))


def statement_head(above: list[list[Any]]) -> dict[str, Any]:
    """The bank, account number, holder and period named by the lines above the table."""
    head: dict[str, Any] = {"bank": "", "account": "", "holder": "", "from": None, "to": None}
    for cells in above:
        text = _row_text(cells)
        folded = fold(text)
        if not head["bank"]:
            head["bank"] = next(
                (name for words, name in BANKS if any(w in folded for w in words)), ""
            )
        account = _ACCOUNT.search(folded)
        if account and not head["account"]:
            head["account"] = account.group(1)
            rest = text[text.find(account.group(1)) + len(account.group(1)) :]
            holder = rest.strip(" -–:,")
            if holder and not head["holder"]:
                head["holder"] = holder
        if folded.startswith(("ten tai khoan", "chu tai khoan", "account name")):
            head["holder"] = text.split(":", 1)[-1].strip(" ,") if ":" in text else ""
            if not head["holder"]:
                head["holder"] = " ".join(cell_text(c) for c in cells[1:] if cell_text(c))
        if any(w in folded for w in ("tu ngay", "thoi gian", "from", "ky sao ke", "giai doan")):
            days = [parse_day(m.group(0)) for m in _DATE.finditer(text)]
            if len(days) >= 2 and days[0] and days[1]:
                head["from"], head["to"] = days[0], days[1]
    return head


def _cells(table: Table, cells: list[Any]) -> dict[str, Any]:
    return {
        name: cells[index]
        for index, name in enumerate(table.fields)
        if name and index < len(cells) and name not in ("",)
    }


def read_lines(table: Table) -> dict[str, Any]:
    """The transactions of the table, and its stated totals (its "Tổng" row), if any."""
    if "credit" not in table.headers and "amount" not in table.headers:
        raise Invalid({"file": NO_AMOUNT})
    lines: list[dict[str, Any]] = []
    stated: dict[str, int] | None = None
    errors: list[str] = []
    for number, cells in table.rows:
        values = _cells(table, cells)
        day = parse_day(values.get("booked_on"))
        try:
            credit = parse_amount(values.get("credit")) or 0
            debit = abs(parse_amount(values.get("debit")) or 0)
            amount = parse_amount(values.get("amount"))
        except ValueError as exc:
            if len(errors) < 5:
                errors.append(gettext(BAD_AMOUNT, row=number, value=str(exc.args[0])[:40]))
            continue
        if amount is not None:
            credit, debit = (amount, 0) if amount > 0 else (0, -amount)
        if day is None:
            first = fold(next((cell_text(c) for c in cells if cell_text(c)), ""))
            if first.startswith(("tong", "total", "cong")) and stated is None:
                stated = {"credit": credit, "debit": debit}
            continue
        if not credit and not debit:
            continue
        lines.append(
            {
                "row": number,
                "booked_on": day,
                "txn_ref": cell_text(values.get("txn_ref"))[:60],
                "description": " ".join(cell_text(values.get("description")).split())[:1000],
                "counterpart": cell_text(values.get("counterpart"))[:200],
                "credit": credit,
                "debit": debit,
            }
        )
    if errors:
        raise Invalid({"file": " ".join(errors)})
    if not lines:
        raise Invalid({"file": NO_LINES})
    return {"lines": lines, "stated": stated}


def read_statement(data: bytes, file_name: str, language: str = "vi") -> dict[str, Any]:
    """{"head", "lines", "stated"} of a statement's file, or {"errors": {field: message}}."""
    current_language.set(language)
    try:
        kind = detect_kind(file_name, data[:8192])
        table = open_table(data, kind, HEADINGS)
        head = statement_head(table.above)
        return {"head": head, "kind": kind.value, **read_lines(table)}
    except Invalid as exc:
        return {"errors": dict(exc.field_errors)}
