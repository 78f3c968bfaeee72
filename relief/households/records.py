"""The fields of a household and of a disaster, declared once: what is written, checked,
shown, audited, exported and imported of them comes from these catalogues
(relief.core.records).

Adding a plain field: the model and a migration, one entry here, and its label's
translation (docs/architecture-records.md).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import CONTACTS, Catalogue, Entry, Record
from relief.core.text import name_error, normalize_text
from relief.core.web import MAX_ID
from relief.households.identity import clean_id_number, clean_phone, id_number_error, phone_error
from relief.households.models import DisasterKind, Gender, PovertyStatus

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
