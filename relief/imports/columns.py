"""The columns of an import file: headers in Vietnamese or English, and the coded values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from relief.core.i18n import translations
from relief.core.text import fold
from relief.households.labels import (
    CASUALTIES,
    DAMAGE_BANDS,
    DAMAGE_FACTS,
    FLAGS,
    GENDERS,
    HOUSE_CLASSES,
    NEEDS,
    POVERTY,
)
from relief.households.schemas import FLAG_NAMES


@dataclass(frozen=True)
class Column:
    field: str  # the form field it fills
    vi: str  # header of the template
    en: str
    aliases: tuple[str, ...] = ()  # other headers seen in communes' lists (folded)
    hint: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("household_code", "Mã hộ", "Household code", ("ma ho gia dinh", "ma so ho")),
    Column("commune", "Xã", "Commune", ("xa phuong", "xa cu", "don vi", "ten xa")),
    Column(
        "hamlet",
        "Thôn, xóm",
        "Hamlet",
        ("thon", "xom", "ban", "thon xom ban", "thon ban", "to dan pho", "ten thon", "ten xom")
        + ("ten thon xom", "thon to", "thon to dan pho", "dia ban", "lang", "thon lang"),
    ),
    Column(
        "head_name",
        "Họ và tên chủ hộ",
        "Head of household",
        ("ho ten chu ho", "chu ho", "ho va ten", "ho ten", "head name", "name", "ten chu ho")
        + ("ho va ten chu ho gia dinh", "ho ten chu ho gia dinh", "ten ho", "ho ten nguoi nhan"),
    ),
    Column("gender", "Giới tính", "Gender", ("gioi", "nam/nu", "sex")),
    Column(
        "birth_year",
        "Năm sinh",
        "Birth year",
        ("nam sinh chu ho", "year of birth", "ngay sinh", "ngay thang nam sinh", "sinh nam"),
    ),
    Column(
        "id_number",
        "Số định danh (CCCD)",
        "ID number",
        ("so dinh danh", "so dinh danh ca nhan", "cccd", "so cccd", "so can cuoc", "can cuoc")
        + ("so cccd cmnd", "cccd cmnd", "so cmnd cccd", "cmnd cccd", "so cmnd", "cmnd"),
    ),
    Column("phone", "Số điện thoại", "Phone", ("dien thoai", "sdt", "so dt", "phone number")),
    Column(
        "members", "Số nhân khẩu", "Members", ("nhan khau", "so khau", "so nguoi", "so thanh vien")
    ),
    Column("ethnicity", "Dân tộc", "Ethnicity", ()),
    Column("poverty_status", "Hộ nghèo/cận nghèo", "Poverty status", ("dien ho ngheo", "ho ngheo")),
    Column("poverty_year", "Năm xét nghèo", "Poverty year", ("nam ngheo",)),
    Column("revolutionary_service", "Người có công", "Revolutionary service", ("co cong",)),
    Column("martyr_family", "Gia đình liệt sĩ", "Martyr's family", ("liet si",)),
    Column("social_protection", "Bảo trợ xã hội", "Social protection", ("btxh",)),
    Column("especially_hard", "Hoàn cảnh đặc biệt khó khăn", "Especially hard case", ()),
    Column("address_detail", "Địa chỉ", "Address", ("dia chi chi tiet",)),
    Column("house_class", "Loại nhà", "House class", ("loai nha truoc thien tai", "cap nha")),
    Column(
        "band",
        "Mức độ thiệt hại",
        "Damage band",
        (
            "muc do",
            "thiet hai",
            "muc do thiet hai ve nha",
            "thiet hai ve nha",
            "tinh trang nha",
            "level",
            "damage level",
        ),
    ),
    Column("collapsed", "Sập đổ, cuốn trôi", "Collapsed or swept away", ("sap do", "cuon troi")),
    Column("flooded", "Bị ngập", "Flooded", ("ngap", "ngap lut", "nha bi ngap")),
    Column("flood_depth_m", "Độ sâu ngập (m)", "Flood depth (m)", ("do sau ngap", "ngap sau")),
    Column("roof_blown_off", "Tốc mái", "Roof blown off", ("toc mai", "bi toc mai")),
    Column(
        "landslide_relocation",
        "Sạt lở phải di dời",
        "Landslide, must be relocated",
        ("sat lo", "nguy co sat lo", "sat lo can di doi"),
    ),
    Column("relocated", "Di dời khẩn cấp", "Emergency relocation", ("di doi",)),
    Column("relocated_on", "Ngày di dời", "Relocated on", ()),
    Column("dead", "Số người chết", "Dead", ("nguoi chet", "chet")),
    Column("missing", "Số người mất tích", "Missing", ("mat tich", "nguoi mat tich")),
    Column("injured", "Số người bị thương", "Injured", ("bi thuong", "nguoi bi thuong")),
    Column(
        "estimated_loss",
        "Thiệt hại ước tính (đồng)",
        "Estimated loss",
        ("thiet hai uoc tinh", "uoc tinh thiet hai", "gia tri thiet hai", "so tien thiet hai")
        + ("gia tri thiet hai uoc tinh", "uoc tinh gia tri thiet hai"),
    ),
    Column("needs", "Nhu cầu", "Needs", ("nhu cau ho tro",)),
    Column("assessed_on", "Ngày đánh giá", "Assessed on", ()),
    Column("assessed_by", "Người đánh giá", "Assessed by", ()),
    Column("version", "Phiên bản", "Version", ("phien ban ho",)),
    Column(
        "duplicate_reason",
        "Lý do không trùng",
        "Not a duplicate because",
        ("ly do", "duplicate reason"),
    ),
)
BY_FIELD = {c.field: c for c in COLUMNS}
DAMAGE_FIELDS = (
    "house_class",
    "band",
    *DAMAGE_FACTS,
    "flood_depth_m",
    "relocated_on",
    *CASUALTIES,
    "estimated_loss",
    "needs",
    "assessed_on",
)
# Row-number columns every list has: recognised and ignored without a word.
NUMBERING = {"stt", "tt", "so tt", "no", "#", "so thu tu"}
_PUNCT = re.compile(r"[*:()\[\]]|\s+-\s+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # en dash, em dash, minus: a hyphen
_NUMBER_DASH = re.compile(r"(\d)\s*-\s*(\d)")  # "50 - 70%" -> "50-70%"
# A heading compared more loosely: "Thôn/xóm", "Thôn (xóm)", "Số CCCD/CMND" and units in
# brackets ("(đồng)", "(người)") all come down to their words.
_UNITS = re.compile(r"\((?:dong|d|vnd|nghin dong|trieu dong|nguoi|khau|nam)\)")
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


@lru_cache(maxsize=1024)
def heading_key(text: str) -> str:
    """A heading as compared: folded, units in brackets dropped, punctuation as spaces."""
    folded = _UNITS.sub(" ", fold(str(text)))
    return " ".join(_HEADING_PUNCT.sub(" ", folded).split())


@cache
def _headers() -> dict[str, str]:
    found: dict[str, str] = {}
    vi = translations("vi")
    for column in COLUMNS:
        names = (column.vi, column.en, vi.gettext(column.en), column.field, *column.aliases)
        for name in names:
            found.setdefault(heading_key(name), column.field)
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
    if key in NUMBERING:
        return ""
    return _headers().get(key)


def _coded(labels: Mapping[Any, str], extra: dict[str, str]) -> dict[str, str]:
    vi = translations("vi")
    found: dict[str, str] = {}
    for code, label in labels.items():
        value = getattr(code, "value", code)
        for name in (value, label, vi.gettext(label)):
            found[header_key(name)] = value
    for name, value in extra.items():
        found[header_key(name)] = value
    return found


@cache
def coded_values() -> dict[str, dict[str, str]]:
    """For each coded column: every accepted spelling (folded) -> its code."""
    return {
        "gender": _coded(GENDERS, {"nam": "male", "nu": "female", "m": "male", "f": "female"}),
        "poverty_status": _coded(
            POVERTY,
            {
                "ngheo": "poor",
                "can ngheo": "near_poor",
                "khong": "none",
                "khong ngheo": "none",
                "hn": "poor",
                "hcn": "near_poor",
            },
        ),
        "house_class": _coded(
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
        "band": _coded(DAMAGE_BANDS, BAND_SPELLINGS),
        "needs": _coded(NEEDS, {}),
    }


# Read in the damage column as the fact with the band to confirm (see BAND_SPELLINGS).
LEGACY_SITUATIONS = ("Collapsed or swept away", "Roof blown off", "Flooded", "Landslide risk")
YES = {"x", "1", "co", "yes", "true", "v", "on", "dung"}
NO = {"", "0", "khong", "no", "false", "-"}
BOOLEAN_FIELDS = (*FLAG_NAMES, *DAMAGE_FACTS)
CODED_FIELDS = ("gender", "poverty_status", "house_class", "band")


def allowed_values() -> list[tuple[str, list[tuple[str, str]]]]:
    """For the template's second sheet: each coded column and its values (vi, en)."""
    vi = translations("vi")
    listing = []
    for field, labels in (
        ("gender", GENDERS),
        ("poverty_status", POVERTY),
        ("house_class", HOUSE_CLASSES),
        ("band", DAMAGE_BANDS),
        ("needs", NEEDS),
    ):
        column = BY_FIELD[field]
        header = f"{column.vi} / {column.en}"
        values = [(vi.gettext(label), label) for label in labels.values()]
        if field == "band":  # situations older lists wrote in the damage column
            values += [(vi.gettext(label), label) for label in LEGACY_SITUATIONS]
        listing.append((header, values))
    yes_no = [("x / Có", "x / Yes"), ("(để trống) / Không", "(blank) / No")]
    for field in BOOLEAN_FIELDS:
        column = BY_FIELD[field]
        listing.append((f"{column.vi} / {column.en}", yes_no))
    return listing
