"""The columns of an import file: headers in Vietnamese or English, and the coded values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from relief.core.i18n import translations
from relief.core.text import fold
from relief.households.labels import DAMAGE_LEVELS, FLAGS, GENDERS, NEEDS, POVERTY
from relief.households.schemas import FLAG_NAMES


@dataclass(frozen=True)
class Column:
    field: str  # the form field it fills
    vi: str  # header of the template
    en: str
    aliases: tuple[str, ...] = ()  # other headers seen in communes' lists (folded)
    hint: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("commune", "Xã", "Commune", ("xa phuong", "xa cu", "don vi", "xa/phuong")),
    Column("hamlet", "Thôn, xóm", "Hamlet", ("thon", "xom", "ban", "thon xom ban", "to dan pho")),
    Column(
        "head_name",
        "Họ và tên chủ hộ",
        "Head of household",
        ("ho ten chu ho", "chu ho", "ho va ten", "ho ten", "head name", "name"),
    ),
    Column("gender", "Giới tính", "Gender", ("gioi", "nam/nu", "sex")),
    Column("birth_year", "Năm sinh", "Birth year", ("nam sinh chu ho", "year of birth")),
    Column(
        "id_number",
        "Số định danh (CCCD)",
        "ID number",
        ("so dinh danh", "so dinh danh ca nhan", "cccd", "so cccd", "so can cuoc", "can cuoc"),
    ),
    Column("phone", "Số điện thoại", "Phone", ("dien thoai", "sdt", "so dt", "phone number")),
    Column("members", "Số nhân khẩu", "Members", ("nhan khau", "so khau", "so nguoi")),
    Column("ethnicity", "Dân tộc", "Ethnicity", ()),
    Column("poverty_status", "Hộ nghèo/cận nghèo", "Poverty status", ("dien ho ngheo", "ho ngheo")),
    Column("poverty_year", "Năm xét nghèo", "Poverty year", ("nam ngheo",)),
    Column("revolutionary_service", "Người có công", "Revolutionary service", ("co cong",)),
    Column("martyr_family", "Gia đình liệt sĩ", "Martyr's family", ("liet si",)),
    Column("social_protection", "Bảo trợ xã hội", "Social protection", ("btxh",)),
    Column("especially_hard", "Hoàn cảnh đặc biệt khó khăn", "Especially hard case", ()),
    Column("address_detail", "Địa chỉ", "Address", ("dia chi chi tiet",)),
    Column("level", "Mức độ thiệt hại", "Damage level", ("muc do", "thiet hai")),
    Column("relocated", "Di dời khẩn cấp", "Emergency relocation", ("di doi",)),
    Column("relocated_on", "Ngày di dời", "Relocated on", ()),
    Column(
        "estimated_loss",
        "Thiệt hại ước tính (đồng)",
        "Estimated loss",
        ("thiet hai uoc tinh", "uoc tinh thiet hai", "gia tri thiet hai"),
    ),
    Column("needs", "Nhu cầu", "Needs", ("nhu cau ho tro",)),
    Column("assessed_on", "Ngày đánh giá", "Assessed on", ()),
    Column("assessed_by", "Người đánh giá", "Assessed by", ()),
    Column(
        "duplicate_reason",
        "Lý do không trùng",
        "Not a duplicate because",
        ("ly do", "duplicate reason"),
    ),
)
BY_FIELD = {c.field: c for c in COLUMNS}
DAMAGE_FIELDS = ("level", "relocated", "relocated_on", "estimated_loss", "needs", "assessed_on")
# Row-number columns every list has: recognised and ignored without a word.
NUMBERING = {"stt", "tt", "so tt", "no", "#"}
_PUNCT = re.compile(r"[*:()\[\]]|\s+-\s+")


@lru_cache(maxsize=4096)  # a list repeats its hamlets and coded values on every row
def header_key(text: str) -> str:
    """A header or coded value as compared: folded, without stars, colons or brackets."""
    return " ".join(_PUNCT.sub(" ", fold(str(text))).split())


@cache
def _headers() -> dict[str, str]:
    found: dict[str, str] = {}
    vi = translations("vi")
    for column in COLUMNS:
        names = (column.vi, column.en, vi.gettext(column.en), column.field, *column.aliases)
        for name in names:
            found.setdefault(header_key(name), column.field)
    for name, label in FLAGS.items():
        found.setdefault(header_key(vi.gettext(label)), name)
    return found


def match_header(text: str) -> str | None:
    """The field a header names, or None; "" for a numbering column."""
    key = header_key(text)
    if not key:
        return None
    if key in NUMBERING:
        return ""
    return _headers().get(key)


def _coded(labels: dict, extra: dict[str, str]) -> dict[str, str]:
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
        "level": _coded(
            DAMAGE_LEVELS,
            {
                "sap do": "collapsed",
                "cuon troi": "collapsed",
                "tren 70%": "over_70",
                ">70%": "over_70",
                "50-70%": "from_50_to_70",
                "30-50%": "from_30_to_50",
                "duoi 30%": "under_30",
                "<30%": "under_30",
                "toc mai": "roof_lost",
                "ngap": "flooded",
                "ngap lut": "flooded",
                "sat lo": "landslide_risk",
            },
        ),
        "needs": _coded(NEEDS, {}),
    }


YES = {"x", "1", "co", "yes", "true", "v", "on", "dung"}
NO = {"", "0", "khong", "no", "false", "-"}
BOOLEAN_FIELDS = (*FLAG_NAMES, "relocated")
CODED_FIELDS = ("gender", "poverty_status", "level")


def allowed_values() -> list[tuple[str, list[tuple[str, str]]]]:
    """For the template's second sheet: each coded column and its values (vi, en)."""
    vi = translations("vi")
    listing = []
    for field, labels in (
        ("gender", GENDERS),
        ("poverty_status", POVERTY),
        ("level", DAMAGE_LEVELS),
        ("needs", NEEDS),
    ):
        column = BY_FIELD[field]
        header = f"{column.vi} / {column.en}"
        listing.append((header, [(vi.gettext(label), label) for label in labels.values()]))
    yes_no = [("x / Có", "x / Yes"), ("(để trống) / Không", "(blank) / No")]
    for field in BOOLEAN_FIELDS:
        column = BY_FIELD[field]
        listing.append((f"{column.vi} / {column.en}", yes_no))
    return listing
