"""The columns of an import file: headers in Vietnamese or English, and the coded values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from relief.core.i18n import current_language, gettext, translations
from relief.core.labels import vocabulary
from relief.core.records import Catalogue
from relief.core.text import fold
from relief.households.labels import (
    DAMAGE_BANDS,
    DAMAGE_FACTS,
    FLAGS,
    HOUSE_CLASSES,
    NEEDS,
)
from relief.households.records import DAMAGE, HOUSEHOLD


@dataclass(frozen=True)
class Column:
    field: str  # the form field it fills
    vi: str  # header of the template
    en: str
    aliases: tuple[str, ...] = ()  # other headers seen in communes' lists (folded)
    hint: str = ""


def record_columns(catalogue: Catalogue) -> tuple[Column, ...]:
    """The columns of a record's fields: its catalogue's headings (English: the labels)."""
    return tuple(Column(e.name, e.heading, e.label, e.spellings) for e in catalogue.imported)


COLUMNS: tuple[Column, ...] = (
    Column("household_code", "Mã hộ", "Household code", ("ma ho gia dinh", "ma so ho")),
    Column("commune", "Xã", "Commune", ("xa phuong", "xa cu", "don vi", "ten xa")),
    # An address before the July 2025 reform: its district and province, with the commune
    # above, converted to today's commune (relief.places.former).
    Column(
        "former_district",
        "Huyện (cũ)",
        "Former district",
        ("huyen", "huyen cu", "quan huyen", "quan huyen cu", "huyen thi xa", "quan"),
    ),
    Column(
        "former_province",
        "Tỉnh (cũ)",
        "Former province",
        ("tinh", "tinh cu", "tinh thanh pho", "tinh tp", "tinh thanh pho cu"),
    ),
    Column(
        "hamlet",
        "Thôn, xóm",
        "Hamlet",
        ("thon", "xom", "ban", "thon xom ban", "thon ban", "to dan pho", "ten thon", "ten xom")
        + ("ten thon xom", "thon to", "thon to dan pho", "dia ban", "lang", "thon lang"),
    ),
    # A household's own fields: their headings are its catalogue's.
    *record_columns(HOUSEHOLD),
    # A damage assessment's fields: its catalogue's headings.
    *record_columns(DAMAGE),
    Column("version", "Phiên bản", "Version", ("phien ban ho",)),
    Column(
        "duplicate_reason",
        "Lý do không trùng",
        "Not a duplicate because",
        ("ly do", "duplicate reason"),
    ),
)
BY_FIELD = {c.field: c for c in COLUMNS}
# The columns that make a row carry a damage assessment (who assessed it alone does not).
DAMAGE_FIELDS = tuple(e.name for e in DAMAGE.imported if e.name != "assessed_by")
# Row-number columns every list has: recognised and ignored without a word.
NUMBERING = {"stt", "tt", "so tt", "no", "#", "so thu tu"}
# The columns the sheet of rows to correct adds (relief.imports.bad_rows), in both languages:
# ignored without a word when the corrected sheet comes back.
MESSAGE_HEADING = "Errors to correct"
ROW_HEADING = "Row in the list"
ADDED = {"errors to correct", "row in the list", "loi can sua", "dong trong danh sach"}
_PUNCT = re.compile(r"[*:()\[\]]|\s+-\s+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # en dash, em dash, minus: a hyphen
_NUMBER_DASH = re.compile(r"(\d)\s*-\s*(\d)")  # "50 - 70%" -> "50-70%"
# A heading compared more loosely: "Thôn/xóm", "Thôn (xóm)", "Số CCCD/CMND" and units in
# brackets ("(đồng)", "(người)") all come down to their words.
_UNITS = re.compile(r"\((?:dong|d|vnd|nghin dong|trieu dong|nguoi|khau|nam)\)")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_HEADING_PUNCT = re.compile(r"[*:()\[\]/,.;_\-–]")


# How communes' lists write the damage (the circular's words, percentages, and the situations
# that older lists put in the same column): folded spelling -> band, or band+fact.
BAND_SPELLINGS = {
    "thiet hai hoan toan": "total",
    "hoan toan": "total",
    "tren 70%": "total",
    ">70%": "total",
    "sap do": "total+collapsed",
    "sap": "total+collapsed",
    "cuon troi": "total+collapsed",
    "sap do, cuon troi": "total+collapsed",
    "sap hoan toan": "total+collapsed",
    "sap do hoan toan": "total+collapsed",
    "hu hong rat nang": "very_heavy",
    "hu hong nang": "heavy",
    "thiet hai rat nang": "very_heavy",
    "rat nang": "very_heavy",
    "50-70%": "very_heavy",
    "tu 50-70%": "very_heavy",
    "thiet hai nang": "heavy",
    "nang": "heavy",
    "30-50%": "heavy",
    "tu 30-50%": "heavy",
    "thiet hai mot phan": "partial",
    "mot phan": "partial",
    "duoi 30%": "partial",
    "<30%": "partial",
    "khong": "none",
    "khong thiet hai": "none",
    "can xac dinh": "to_confirm",
    "chua xac dinh": "to_confirm",
    "toc mai": "to_confirm+roof_blown_off",
    "ngap": "to_confirm+flooded",
    "ngap lut": "to_confirm+flooded",
    "sat lo": "to_confirm+landslide_relocation",
    "nguy co sat lo": "to_confirm+landslide_relocation",
    "bi ngap": "to_confirm+flooded",
    # The labels and codes of the one list damage was recorded as before (migration 0011).
    "hu hong tren 70%": "total",
    "hu hong 50-70%": "very_heavy",
    "hu hong 30-50%": "heavy",
    "hu hong duoi 30%": "partial",
    "collapsed": "total+collapsed",
    "over_70": "total",
    "from_50_to_70": "very_heavy",
    "from_30_to_50": "heavy",
    "under_30": "partial",
    "roof_lost": "to_confirm+roof_blown_off",
    "flooded": "to_confirm+flooded",
    "landslide_risk": "to_confirm+landslide_relocation",
}


@lru_cache(maxsize=4096)  # a list repeats its hamlets and coded values on every row
def header_key(text: str) -> str:
    """A header or coded value as compared: folded, without stars, colons or brackets."""
    folded = _DASHES.sub("-", fold(str(text)))
    return " ".join(_PUNCT.sub(" ", _NUMBER_DASH.sub(r"\1-\2", folded)).split())


_THOUSANDS = re.compile(r"\((?:[^()]*\b)?(?:1\.?000 ?d|nghin|ngan|1000)[^()]*\)")
_MILLIONS = re.compile(r"\((?:[^()]*\b)?(?:trieu|tr\.? ?d|1\.?000\.?000)[^()]*\)")


def money_scale(text: str) -> int:
    """What one unit of a money column is worth in đồng, by the unit in its heading:
    "Thiệt hại (1000đ)" or "(nghìn đồng)" 1,000, "(triệu đồng)" 1,000,000, else 1."""
    folded = fold(str(text))
    if _MILLIONS.search(folded):
        return 1_000_000
    if _THOUSANDS.search(folded):
        return 1000
    return 1


@lru_cache(maxsize=1024)
def heading_key(text: str) -> str:
    """A heading as compared: folded, units in brackets dropped, punctuation as spaces."""
    folded = _UNITS.sub(" ", fold(str(text)))
    return " ".join(_HEADING_PUNCT.sub(" ", folded).split())


def heading_table(columns: tuple[Column, ...]) -> dict[str, str]:
    """Every heading that names a column (its template heading, its English label and that
    label's Vietnamese, its field, the other spellings), folded -> its field; the first
    column to claim a heading keeps it."""
    found: dict[str, str] = {}
    vi = translations("vi")
    for column in columns:
        names = (column.vi, column.en, vi.gettext(column.en), column.field, *column.aliases)
        for name in names:
            found.setdefault(heading_key(name), column.field)
    return found


@cache
def _headers() -> dict[str, str]:
    found = heading_table(COLUMNS)
    vi = translations("vi")
    for name, label in FLAGS.items():
        found.setdefault(heading_key(vi.gettext(label)), name)
    return found


def synonyms() -> list[tuple[str, str, list[str]]]:
    """(template heading, English, other headings understood) per column, for the docs."""
    return [(c.vi, c.en, list(c.aliases)) for c in COLUMNS]


def match_header(text: str) -> str | None:
    """The field a header names, or None; "" for a numbering column."""
    key = heading_key(text)
    if not key:
        return None
    if key in NUMBERING or key in ADDED:
        return ""
    found = _headers().get(key)
    if found is None and ("(" in str(text) or "[" in str(text)):  # "Giá trị thiệt hại (đ)"
        bare = heading_key(_BRACKETED.sub(" ", str(text)))
        found = _headers().get(bare) if bare else None
    return found


def coded_spellings(labels: Mapping[Any, str], extra: dict[str, str]) -> dict[str, str]:
    vi = translations("vi")
    found: dict[str, str] = {}
    for code, label in labels.items():
        value = getattr(code, "value", code)
        for name in (value, label, vi.gettext(label)):
            found[header_key(name)] = value
    for name, value in extra.items():
        found[header_key(name)] = value
    return found


# How communes' lists write a household's coded values, besides their codes and labels.
VALUE_SPELLINGS = {
    "gender": {"nam": "male", "nu": "female", "m": "male", "f": "female"},
    "poverty_status": {
        "ngheo": "poor",
        "can ngheo": "near_poor",
        "khong": "none",
        "khong ngheo": "none",
        "hn": "poor",
        "hcn": "near_poor",
    },
}


@cache
def coded_values() -> dict[str, dict[str, str]]:
    """For each coded column: every accepted spelling (folded) -> its code."""
    household = {
        e.name: coded_spellings(vocabulary(e.type), VALUE_SPELLINGS.get(e.name, {}))
        for e in HOUSEHOLD.imported
        if e.coded
    }
    return {
        **household,
        "house_class": coded_spellings(
            HOUSE_CLASSES,
            {
                "kien co": "solid",
                "ban kien co": "semi_solid",
                "thieu kien co": "less_solid",
                "don so": "simple",
                "nha tam": "simple",
            },
        ),
        # A band, or "band+fact" where a list wrote a situation in the damage column.
        "band": coded_spellings(DAMAGE_BANDS, BAND_SPELLINGS),
        "needs": coded_spellings(NEEDS, {}),
    }


@cache
def accepted_values(name: str) -> list[str]:
    """A coded column's values as the template's sheet writes them in Vietnamese (the
    language of communes' lists): the nearest are suggested for a value not understood."""
    vi = translations("vi")
    labels: Mapping[Any, str] | None = {
        "house_class": HOUSE_CLASSES,
        "band": DAMAGE_BANDS,
        "needs": NEEDS,
    }.get(name)
    if labels is None:
        entry = next((e for e in HOUSEHOLD.imported if e.name == name and e.coded), None)
        labels = vocabulary(entry.type) if entry is not None else {}
    values = [vi.gettext(label) for label in labels.values()]
    if name == "band":
        values += [vi.gettext(situation) for situation in LEGACY_SITUATIONS]
    return values


# Read in the damage column as the fact with the band to confirm (see BAND_SPELLINGS).
LEGACY_SITUATIONS = ("Collapsed or swept away", "Roof blown off", "Flooded", "Landslide risk")
YES = {"x", "1", "co", "yes", "true", "v", "on", "dung"}
NO = {"", "0", "khong", "no", "false", "-"}
BOOLEAN_FIELDS = (*(e.name for e in HOUSEHOLD.imported if e.type is bool), *DAMAGE_FACTS)
CODED_FIELDS = (*(e.name for e in HOUSEHOLD.imported if e.coded), "house_class", "band")


def heading(column: Column) -> str:
    """A column's heading in the request's language (both are read back)."""
    return column.vi if current_language.get() == "vi" else column.en


def allowed_values() -> list[tuple[str, list[str]]]:
    """For the template's sheet of allowed values: each coded column's heading and its values,
    in the request's language (the importer reads the labels of both languages)."""
    listing = []
    household = [(e.name, vocabulary(e.type)) for e in HOUSEHOLD.imported if e.coded]
    for field, labels in (
        *household,
        ("house_class", HOUSE_CLASSES),
        ("band", DAMAGE_BANDS),
        ("needs", NEEDS),
    ):
        values = [labels.label(code) for code in labels]
        if field == "band":  # situations older lists wrote in the damage column
            values += [gettext(situation) for situation in LEGACY_SITUATIONS]
        listing.append((heading(BY_FIELD[field]), values))
    yes_no = [gettext("x (yes)"), gettext("(blank): no")]
    for field in BOOLEAN_FIELDS:
        listing.append((heading(BY_FIELD[field]), yes_no))
    return listing
