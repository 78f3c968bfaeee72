"""The rows of a list that are not households, as communes lay their lists out.

Between the header and the last household a list often holds a column-number row
("(1) (2) (3)"), blank rows, section rows naming a hamlet ("THÔN KIM SƠN"), a total row and,
at its foot, the signature block ("Người lập biểu", "TM. UBND XÃ", "(Ký, ghi rõ họ tên)").
Each is recognised here; the checker skips it and lists it in the preview with its row.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from relief.core.text import _UNMARKED, fold

BLANK = "blank"
NUMBERING = "column numbers"
TOTAL = "total"
SIGNATURE = "signature"
SECTION = "section"

_NUMBER_CELL = re.compile(r"^\(?\d{1,3}\)?$")
_TOTALS = {"tong", "tong cong", "cong", "tong so", "total", "cong toan xa", "tong toan xa"}
# The signature block's openings (a folded cell starting with one) and its date line.
_OPENINGS = (
    r"nguoi lap( bieu)?|lap bieu|tm\.? ?ubnd|t/m|chu tich( ubnd)?|pho chu tich|"
    r"\(?ky,? ghi ro ho ten\)?|\(?ky,? dong dau\)?|xac nhan|truong thon|ke toan|"
    r"thu truong|can bo|nguoi duyet|nguoi kiem tra"
)
_SIGNATURE = re.compile(rf"^({_OPENINGS})\b|\bngay \d{{1,2}} thang \d{{1,2}} nam \d{{4}}")
# Hamlet kinds written before a hamlet's name; the longest first.
_KIND = re.compile(r"^(to dan pho|khu pho|thon|xom|ban|lang|to|khu|ap)\s+")
_SECTION_NUMBER = re.compile(r"^([ivxlc]+|\d{1,3}|[a-z])\s*[.)/-]\s*")


def is_numbering(texts: list[str]) -> bool:
    """ "(1) (2) (3)…": at least three cells, each a column number."""
    return len(texts) >= 3 and all(map(_NUMBER_CELL.match, texts))


def is_total(texts: list[str]) -> bool:
    return _totals(texts[0])


@lru_cache(maxsize=1024)  # the first cell of most rows is the same (the commune, a number)
def _totals(text: str) -> bool:
    words = " ".join(fold(text).replace(":", " ").split())
    return words in _TOTALS or words.startswith(("tong cong", "tong so ho"))


def is_signature(texts: list[str]) -> bool:
    return any(map(_signs, texts))  # each distinct cell read once (_signs' cache)


# A cell that may read as the signature's, found without folding it (most cells are names
# and numbers seen once): every cell that fold() makes a match of, and a few more. Each letter
# may be any letter that folds to it, followed by marks (a decomposed text); each space by
# more spaces. Any other character (neither printable ASCII, nor a letter of fold()'s table,
# nor a combining mark) sends the cell to fold(): how fold() reads it is not known here.
_MARKS = "\u0300-\u036f"


def _folding_to() -> dict[str, str]:
    """Each ASCII letter (lower case) -> the precomposed letters that fold() reads as it."""
    found: dict[str, str] = {}
    for code, plain in _UNMARKED.items():
        if len(plain) == 1 and plain.isascii() and plain.isalpha():
            found[plain.lower()] = found.get(plain.lower(), "") + chr(code)
    return found


_FOLDING_TO = _folding_to()


def _as_written(pattern: str) -> str:
    """A pattern of folded text as a pattern of the texts that fold to a match of it."""
    parts = []
    for token in re.findall(r"\\.|.", pattern):
        if token in ("(", ")", "?", "|"):
            parts.append(token)
            continue
        if token.isascii() and token.isalpha():
            token = f"[{token}{token.upper()}{_FOLDING_TO.get(token, '')}]"
        elif token == " ":
            token = f" [ {_MARKS}]*"
        elif len(token) == 1:
            token = re.escape(token)
        parts.append(f"(?:{token}[{_MARKS}]*)")
    return "".join(parts)


# Every signature word has a letter, and a cell without one folds to none.
_LETTER = re.compile(r"[^\W\d_]")
_MAY_OPEN = re.compile(rf"[ {_MARKS}]*(?:{_as_written(_OPENINGS)})")
_KNOWN = "\x20-\x7e" + _MARKS + "".join(_FOLDING_TO.values())
_MAY_DATE_OR_UNKNOWN = re.compile(rf"{_as_written('ngay')}|[^{_KNOWN}]")


@lru_cache(maxsize=4096)
def _signs(text: str) -> bool:
    """Whether one cell reads as the signature block's."""
    if _LETTER.search(text) is None:  # numbers (ID numbers, phones, years, amounts, dates)
        return False
    if _MAY_OPEN.match(text) is None and _MAY_DATE_OR_UNKNOWN.search(text) is None:
        return False
    return _SIGNATURE.search(" ".join(fold(text).split())) is not None


def strip_kind(name: str) -> str:
    """ "xóm kim sơn" -> "kim sơn" (folded keys): the hamlet's kind word is not its name."""
    return _KIND.sub("", name, count=1)


def section_key(text: str) -> tuple[str, bool]:
    """(folded hamlet name, whether a hamlet kind word named it) of a section row's text."""
    key = " ".join(fold(text).split())
    key = _SECTION_NUMBER.sub("", key, count=1)
    stripped = strip_kind(key)
    return stripped, stripped != key


_MONEY_UNITS = (
    ("ty dong", 10**9),
    ("ty", 10**9),
    ("trieu dong", 10**6),
    ("trieu", 10**6),
    ("tr", 10**6),
    ("nghin dong", 10**3),
    ("nghin", 10**3),
    ("ngan", 10**3),
    ("k", 10**3),
)
_CURRENCY = re.compile(r"\s*(dong|d|vnd|₫)\.?$")
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")


def read_money(text: str) -> str:
    """Whole đồng as digits from the ways officers write amounts: "45,000,000",
    "45.000.000", "60 triệu", "60tr", "1,5 tỷ"; anything else is returned as written."""
    key = " ".join(fold(text).replace("\u00a0", " ").split())
    key = _CURRENCY.sub("", key)
    factor = 1
    for word, value in _MONEY_UNITS:
        if key.endswith(word) and (len(key) == len(word) or not key[-len(word) - 1].isalpha()):
            key, factor = key[: -len(word)].strip(), value
            break
    if factor == 1:
        if _GROUPED.match(key):
            return re.sub(r"\D", "", key)
        return key if key.isdigit() else text
    if _GROUPED.match(key):
        key = re.sub(r"\D", "", key)
    try:
        amount = Decimal(key.replace(",", ".")) * factor
    except InvalidOperation:
        return text
    if amount < 0 or amount != amount.to_integral_value():
        return text
    return str(int(amount))
