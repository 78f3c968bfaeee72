"""The fields of a household, a disaster and a damage assessment, declared once: what is
written, checked, shown, audited, exported and imported of them comes from these catalogues
(relief.core.records).

Adding a plain field: the model and a migration, one entry here, and its label's
translation (docs/architecture-records.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import CONTACTS, Catalogue, Entry, Record
from relief.core.text import name_error, normalize_text
from relief.core.web import MAX_ID
from relief.households.identity import clean_id_number, clean_phone, id_number_error, phone_error
from relief.households.models import DamageBand, DisasterKind, Gender, HouseClass, PovertyStatus

OLDEST_BIRTH_YEAR = 1900
BIRTH_YEAR = "Enter a birth year between 1900 and this year."
OUT_OF_RANGE = "This number is out of range."


def _id_number(number: str) -> str | None:
    return id_number_error(number)  # the number alone; its birth year and sex: `_rules`


ENTRIES = (
    Entry(
        "hamlet_id",
        int,
        "Hamlet",
        required=True,
        min=1,
        max=MAX_ID,
        exported=False,  # the list names the hamlet itself, and an import finds it by name
        messages={"required": "Choose the hamlet.", "out_of_range": "Choose the hamlet."},
    ),
    Entry(
        "head_name",
        str,
        "Head of household",
        required=True,
        max_length=120,
        clean=normalize_text,
        check=name_error,
        heading="Họ và tên chủ hộ",
        spellings=(
            "ho ten chu ho",
            "chu ho",
            "ho va ten",
            "ho ten",
            "head name",
            "name",
            "ten chu ho",
            "ho va ten chu ho gia dinh",
            "ho ten chu ho gia dinh",
            "ten ho",
            "ho ten nguoi nhan",
        ),
    ),
    Entry("gender", Gender, "Gender", heading="Giới tính", spellings=("gioi", "nam/nu", "sex")),
    Entry(
        "birth_year",
        int,
        "Birth year",
        min=OLDEST_BIRTH_YEAR,  # and not after this year (`_rules`)
        kind="year",
        messages={"out_of_range": BIRTH_YEAR},
        heading="Năm sinh",
        spellings=(
            "nam sinh chu ho",
            "year of birth",
            "ngay sinh",
            "ngay thang nam sinh",
            "sinh nam",
        ),
    ),
    Entry(
        "id_number",
        str,
        "ID number",
        sees=CONTACTS,
        clean=clean_id_number,
        check=_id_number,
        heading="Số định danh (CCCD)",
        spellings=(
            "so dinh danh",
            "so dinh danh ca nhan",
            "cccd",
            "so cccd",
            "so can cuoc",
            "can cuoc",
            "so cccd cmnd",
            "cccd cmnd",
            "so cmnd cccd",
            "cmnd cccd",
            "so cmnd",
            "cmnd",
        ),
    ),
    Entry(
        "phone",
        str,
        "Phone",
        sees=CONTACTS,
        clean=clean_phone,
        check=phone_error,
        heading="Số điện thoại",
        spellings=("dien thoai", "sdt", "so dt", "phone number"),
    ),
    Entry(
        "members",
        int,
        "Members",
        required=True,
        min=1,
        max=30,
        messages={"out_of_range": "A household has 1 to 30 members."},
        heading="Số nhân khẩu",
        spellings=("nhan khau", "so khau", "so nguoi", "so thanh vien"),
    ),
    Entry(
        "ethnicity",
        str,
        "Ethnicity",
        default="",
        max_length=40,
        clean=normalize_text,
        heading="Dân tộc",
    ),
    Entry(
        "poverty_status",
        PovertyStatus,
        "Poverty status",
        default=PovertyStatus.NONE,
        heading="Hộ nghèo/cận nghèo",
        spellings=("dien ho ngheo", "ho ngheo"),
    ),
    Entry(
        "poverty_year",
        int,
        "Poverty year",
        min=2000,  # and at most next year (`_rules`)
        kind="year",
        heading="Năm xét nghèo",
        spellings=("nam ngheo",),
    ),
    Entry(
        "revolutionary_service",
        bool,
        "Revolutionary service",
        default=False,
        heading="Người có công",
        spellings=("co cong",),
    ),
    Entry(
        "martyr_family",
        bool,
        "Martyr's family",
        default=False,
        heading="Gia đình liệt sĩ",
        spellings=("liet si",),
    ),
    Entry(
        "social_protection",
        bool,
        "Social protection",
        default=False,
        heading="Bảo trợ xã hội",
        spellings=("btxh",),
    ),
    Entry(
        "especially_hard",
        bool,
        "Especially hard case",
        default=False,
        heading="Hoàn cảnh đặc biệt khó khăn",
    ),
    Entry(
        "address_detail",
        str,
        "Address",
        default="",
        max_length=255,
        clean=normalize_text,
        heading="Địa chỉ",
        spellings=("dia chi chi tiet",),
    ),
    # What a save of a likely duplicate needs (relief.households.duplicates); not stored.
    Entry(
        "confirm_duplicate",
        bool,
        "This is another household: save it anyway",
        default=False,
        stored=False,
    ),
    Entry("duplicate_reason", str, "Reason", default="", max_length=500, stored=False),
)


def _rules(data: Any, errors: dict[str, str]) -> None:
    """What needs more than one field, or today's date: the birth year is not in the future
    and matches the ID number (with the sex); a poverty year only with a poverty status."""
    today = local_today()
    year = data.birth_year
    if "birth_year" not in errors and year is not None and year > today.year:
        errors["birth_year"] = BIRTH_YEAR
    if data.id_number and "id_number" not in errors:
        birth_year = None if "birth_year" in errors else data.birth_year
        gender = None if "gender" in errors else data.gender
        if error := id_number_error(data.id_number, birth_year, gender):
            errors["id_number"] = error
    if data.poverty_status in (PovertyStatus.NONE, None):
        data.poverty_year = None
        errors.pop("poverty_year", None)
    elif "poverty_year" not in errors and (data.poverty_year or 0) > today.year + 1:
        errors["poverty_year"] = OUT_OF_RANGE


HOUSEHOLD: Catalogue[HouseholdWrite, HouseholdPatch] = Catalogue(
    "household",
    ENTRIES,
    write="HouseholdIn",
    partial="HouseholdPatch",
    module=__name__,
    rules=_rules,
    doc=(
        "A household to register; a likely duplicate needs confirm_duplicate and a reason.",
        "The fields to change of a household read at `version`; fields left out keep theirs.",
    ),
)

if TYPE_CHECKING:

    class HouseholdWrite(Record): ...

    class HouseholdPatch(Record): ...

    HouseholdIn = HouseholdWrite

else:
    # Bound to the names the shapes carry, so that an import's checked rows can be pickled.
    HouseholdIn = HouseholdWrite = HOUSEHOLD.write
    HouseholdPatch = HOUSEHOLD.partial


def _disaster_rules(data: Any, errors: dict[str, str]) -> None:
    starts, ends = data.starts_on, data.ends_on  # None where it was not a date
    if starts and ends and ends < starts:
        errors["ends_on"] = "The end date cannot be before the start date."


DISASTER: Catalogue[DisasterWrite, DisasterPatch] = Catalogue(
    "disaster",
    (
        Entry("name", str, "Name", required=True, max_length=150, clean=normalize_text),
        Entry("kind", DisasterKind, "Kind", required=True),
        Entry("starts_on", date, "Starts on", required=True),
        Entry("ends_on", date, "Ends on"),
        Entry("description", str, "Description", default="", max_length=4000),
    ),
    write="DisasterIn",
    partial="DisasterPatch",
    module=__name__,
    rules=_disaster_rules,
    doc=(
        "A disaster to record.",
        "The fields to change of a disaster read at `version`; fields left out keep theirs.",
    ),
)

if TYPE_CHECKING:

    class DisasterWrite(Record): ...

    class DisasterPatch(Record): ...

    DisasterIn = DisasterWrite

else:
    DisasterIn = DisasterWrite = DISASTER.write
    DisasterPatch = DISASTER.partial


COLLAPSED_IS_TOTAL = "A collapsed or swept-away house is totally damaged (over 70%)."
DEPTH = "Enter the depth in metres, e.g. 1,5."
MAX_DEPTH_CM = 3000  # 30 m: deeper is a typing error
MAX_PEOPLE = 30  # a household's members are at most 30
FUTURE = "This date is in the future."
RELOCATED_ON = "Give the date of the emergency relocation."


def _cm(metres: float) -> int:
    """A depth in metres (1.5) as whole centimetres (150), as the model keeps it."""
    return int((Decimal(str(metres)) * 100).to_integral_value())


def _metres(cm: int) -> float:
    return cm / 100


def _depth(metres: float) -> str | None:
    try:
        ok = Decimal(str(metres)).is_finite() and 0 < _cm(metres) <= MAX_DEPTH_CM
    except (InvalidOperation, ValueError, OverflowError):
        ok = False
    return None if ok else DEPTH


def _unit(text: str) -> str:
    """A depth typed "1,5", "1.5" or "0,8 m" as a number of metres."""
    return text.lower().removesuffix("m").strip().replace(",", ".")


def _needs(codes: list[str]) -> str | None:
    from relief.households.labels import NEEDS  # the labels are registered from this module

    return None if all(code in NEEDS for code in codes) else "Choose one of the options."


def _people(name: str, label: str, heading: str, spellings: tuple[str, ...]) -> Entry:
    return Entry(
        name, int, label, default=0, min=0, max=MAX_PEOPLE, heading=heading, spellings=spellings
    )


def _fact(name: str, label: str, heading: str, spellings: tuple[str, ...]) -> Entry:
    return Entry(name, bool, label, default=False, heading=heading, spellings=spellings)


DAMAGE_ENTRIES = (
    # The household assessed: the page's path names it, the API's body; never changed.
    Entry(
        "household_id",
        int,
        "Household",
        required=True,
        min=1,
        max=MAX_ID,
        fixed=True,
        audited=False,  # the creation's audit entry names it apart
        exported=False,
        messages={
            "required": "Choose the household.",
            "out_of_range": "Choose the household.",
            "not_integer": "Choose the household.",
        },
    ),
    Entry(
        "disaster_id",
        int,
        "Disaster",
        required=True,
        min=1,
        max=MAX_ID,
        exported=False,
        messages={
            "required": "Choose the disaster.",
            "out_of_range": "Choose the disaster.",
            "not_integer": "Choose the disaster.",
        },
    ),
    Entry(
        "house_class",
        HouseClass,
        "House class",
        heading="Loại nhà",
        spellings=("loai nha truoc thien tai", "cap nha"),
    ),
    Entry(
        "band",
        DamageBand,
        "Damage band",
        required=True,
        heading="Mức độ thiệt hại",
        spellings=(
            "muc do",
            "thiet hai",
            "muc do thiet hai ve nha",
            "thiet hai ve nha",
            "tinh trang nha",
            "level",
            "damage level",
        ),
    ),
    _fact("collapsed", "Collapsed or swept away", "Sập đổ, cuốn trôi", ("sap do", "cuon troi")),
    _fact("flooded", "Flooded", "Bị ngập", ("ngap", "ngap lut", "nha bi ngap")),
    # Entered and shown in metres, kept in whole centimetres.
    Entry(
        "flood_depth_m",
        float,
        "Flood depth (m)",
        column="flood_depth_cm",
        store=_cm,
        load=_metres,
        clean=_unit,
        check=_depth,
        messages={"not_number": DEPTH, "out_of_range": DEPTH},
        heading="Độ sâu ngập (m)",
        spellings=("do sau ngap", "ngap sau"),
    ),
    _fact("roof_blown_off", "Roof blown off", "Tốc mái", ("toc mai", "bi toc mai")),
    _fact(
        "landslide_relocation",
        "Landslide, must be relocated",
        "Sạt lở phải di dời",
        ("sat lo", "nguy co sat lo", "sat lo can di doi"),
    ),
    _fact("relocated", "Emergency relocation", "Di dời khẩn cấp", ("di doi",)),
    Entry("relocated_on", date, "Relocated on", heading="Ngày di dời"),
    _people("dead", "Dead", "Số người chết", ("nguoi chet", "chet")),
    _people("missing", "Missing", "Số người mất tích", ("mat tich", "nguoi mat tich")),
    _people("injured", "Injured", "Số người bị thương", ("bi thuong", "nguoi bi thuong")),
    Entry(
        "estimated_loss",
        int,
        "Estimated loss",
        default=0,
        kind="money",
        heading="Thiệt hại ước tính (đồng)",
        spellings=(
            "thiet hai uoc tinh",
            "uoc tinh thiet hai",
            "gia tri thiet hai",
            "so tien thiet hai",
            "gia tri thiet hai uoc tinh",
            "uoc tinh gia tri thiet hai",
        ),
    ),
    # Codes of relief.households.labels.NEEDS, each at most once.
    Entry(
        "needs",
        list[str],
        "Needs",
        default=[],
        check=_needs,
        heading="Nhu cầu",
        spellings=("nhu cau ho tro",),
    ),
    Entry("assessed_on", date, "Assessed on", required=True, heading="Ngày đánh giá"),
    Entry(
        "assessed_by",
        str,
        "Assessed by",
        default="",
        max_length=120,
        clean=normalize_text,
        heading="Người đánh giá",
    ),
)


def _damage_rules(data: Any, errors: dict[str, str]) -> None:
    """A collapsed house is totally damaged; a depth only for a flooded house; a relocation
    has its date (none without one); no date in the future; each need once."""
    band = None if "band" in errors else data.band
    if data.collapsed and band is not None and band is not DamageBand.TOTAL:
        errors["collapsed"] = COLLAPSED_IS_TOTAL
    if not data.flooded:
        data.flood_depth_m = None
        errors.pop("flood_depth_m", None)
    if not data.relocated:
        data.relocated_on = None
        errors.pop("relocated_on", None)
    elif data.relocated_on is None and "relocated_on" not in errors:
        errors["relocated_on"] = RELOCATED_ON
    today = local_today()
    for name in ("assessed_on", "relocated_on"):
        day = getattr(data, name)
        if day is not None and name not in errors and day > today:
            errors[name] = FUTURE
    if isinstance(data.needs, list):
        data.needs = list(dict.fromkeys(data.needs))


DAMAGE: Catalogue[AssessmentWrite, AssessmentPatch] = Catalogue(
    "damage_assessment",
    DAMAGE_ENTRIES,
    write="AssessmentIn",
    partial="AssessmentPatch",
    module=__name__,
    rules=_damage_rules,
    doc=(
        "A household's damage in one disaster (one assessment per household and disaster).",
        "The fields to correct of an assessment read at `version`.",
    ),
)

if TYPE_CHECKING:

    class AssessmentWrite(Record): ...

    class AssessmentPatch(Record): ...

    AssessmentIn = AssessmentWrite

else:
    AssessmentIn = AssessmentWrite = DAMAGE.write
    AssessmentPatch = DAMAGE.partial
