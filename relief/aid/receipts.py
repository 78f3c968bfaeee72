"""The sign-for-receipt list (danh sách ký nhận) of a visit: rows by hamlet, XLSX, ticks."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from tortoise.transactions import in_transaction

from relief.aid.models import AidGiven, AidVisit
from relief.aid.service import GIFT_ENTITY, get_visit
from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid
from relief.core.formatting import local_today
from relief.core.papers import hamlet_head, place_word
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.sheets import print_setup


@dataclass(frozen=True)
class ReceiptRow:
    """One household on the list: what it signs for. No ID number, phone or birth year."""

    gift_id: int
    number: int
    head_name: str
    hamlet: str  # "thôn Kim Sơn"
    cash: int
    goods: str
    goods_value: int
    received_on: date | None


@dataclass
class HamletList:
    hamlet_id: int
    hamlet: str
    head_title: str = ""  # "Trưởng thôn Kim Sơn": who signs for the hamlet
    rows: list[ReceiptRow] = field(default_factory=list)

    @property
    def cash(self) -> int:
        return sum(r.cash for r in self.rows)

    @property
    def goods_value(self) -> int:
        return sum(r.goods_value for r in self.rows)


@dataclass
class ReceiptList:
    visit: AidVisit
    hamlets: list[HamletList]  # the hamlets printed (one, or all of the visit's)
    choices: list[tuple[int, str]]  # every hamlet of the visit, for the selector

    @property
    def rows(self) -> list[ReceiptRow]:
        return [r for h in self.hamlets for r in h.rows]


async def receipt_list(actor: Actor, visit_id: int, hamlet_id: int | None = None) -> ReceiptList:
    """The visit's households by hamlet, numbered from 1 in each hamlet's list."""
    visit = await get_visit(actor, visit_id)
    gifts = (
        await scoped(actor, AidGiven)
        .filter(visit_id=visit.id)
        .select_related("household", "hamlet")
        .order_by("hamlet__name_key", "household__head_name_key", "id")
    )
    by_hamlet: dict[int, HamletList] = {}
    for g in gifts:
        name = f"{place_word(g.hamlet.kind)} {g.hamlet.name}"
        head = f"{hamlet_head(g.hamlet.kind)} {g.hamlet.name}"
        group = by_hamlet.setdefault(g.hamlet_id, HamletList(g.hamlet_id, name, head))
        group.rows.append(
            ReceiptRow(
                gift_id=g.id,
                number=len(group.rows) + 1,
                head_name=g.household.head_name,
                hamlet=name,
                cash=g.cash,
                goods=g.goods,
                goods_value=g.goods_value,
                received_on=g.received_on,
            )
        )
    choices = [(h.hamlet_id, h.hamlet) for h in by_hamlet.values()]
    chosen = [h for h in by_hamlet.values() if hamlet_id in (None, h.hamlet_id)]
    return ReceiptList(visit=visit, hamlets=chosen, choices=choices)


async def mark_received(
    actor: Actor, visit_id: int, gift_ids: list[int], on: date | None
) -> list[int]:
    """Ticks the households that signed (and unticks the others) from the signed list."""
    visit = await get_visit(actor, visit_id)
    if not can(actor).write_commune(visit.commune_id):
        raise Forbidden()
    if on is None:
        raise Invalid({"received_on": "This field is required."})
    if on > local_today():
        raise Invalid({"received_on": "This date is in the future."})
    if on < visit.visited_on:
        raise Invalid({"received_on": "The aid cannot be received before the visit."})
    rows = list(await AidGiven.filter(visit_id=visit.id).order_by("id"))
    known = {r.id for r in rows}
    if not set(gift_ids) <= known:
        raise Invalid({"received": "Choose households of this visit."})
    ticked = set(gift_ids)
    changed: list[int] = []
    async with in_transaction():
        for row in rows:
            new = (row.received_on or on) if row.id in ticked else None
            if new == row.received_on:
                continue
            # At the version just read: a correction saved meanwhile refuses the whole list.
            await versions.save(
                actor,
                row,
                row.version,
                {"received_on": new},
                entity=GIFT_ENTITY,
                audited=["received_on"],
            )
            changed.append(row.id)
    return changed


_HEADERS = ["STT", "Họ và tên chủ hộ", "Khu dân cư", "Tiền mặt (đồng)", "Hàng hóa",
            "Giá trị hàng (đồng)", "Ký nhận"]  # fmt: skip


def receipt_xlsx(data: ReceiptList) -> bytes:
    """The same list as a workbook, one sheet per hamlet, ready to print and sign."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the one a new workbook has
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    visit = data.visit
    for group in data.hamlets or [HamletList(0, "")]:
        sheet = workbook.create_sheet(_sheet_title(group.hamlet, workbook.sheetnames))
        _text(sheet, 1, 1, "DANH SÁCH KÝ NHẬN HỖ TRỢ").font = Font(bold=True, size=14)
        _text(sheet, 2, 1, f"{visit.delegation} · {group.hamlet} · {visit.visited_on:%d/%m/%Y}")
        for col, header in enumerate(_HEADERS, start=1):
            cell = _text(sheet, 4, col, header)
            cell.font, cell.border = Font(bold=True), box
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for n, row in enumerate(group.rows, start=5):
            values = [row.number, row.head_name, row.hamlet, row.cash, row.goods,
                      row.goods_value, ""]  # fmt: skip
            for col, value in enumerate(values, start=1):
                cell = _text(sheet, n, col, value) if isinstance(value, str) else sheet.cell(n, col)
                if not isinstance(value, str):
                    cell.value = value
                cell.border = box
                if col in (4, 6):
                    cell.number_format = "#,##0"
        total = 5 + len(group.rows)
        _text(sheet, total, 2, "Cộng").font = Font(bold=True)
        sheet.cell(total, 4, group.cash).number_format = "#,##0"
        sheet.cell(total, 6, group.goods_value).number_format = "#,##0"
        for letter, width in zip("ABCDEFG", (6, 28, 18, 16, 28, 16, 18), strict=True):
            sheet.column_dimensions[letter].width = width
        # The column headers (row 4) on every printed page; the day is in row 2.
        made = f"Ngày lập: {local_today():%d/%m/%Y}"  # the list's as-of line
        print_setup(sheet, title_rows="4:4", stamp=made, landscape=True)
        sheet.oddFooter.right.text = "Trang &P/&N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(sheet, row: int, col: int, value: str):
    """A text cell that Excel never reads as a formula, whatever a name starts with."""
    cell = sheet.cell(row, col)
    cell.value = value
    cell.data_type = "s"
    return cell


def _sheet_title(name: str, taken: list[str]) -> str:
    title = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "Danh sách"
    candidate, n = title, 2
    while candidate in taken:
        candidate, n = f"{title} {n}", n + 1
    return candidate
