"""The commune's year lists as records, their fields declared once (relief.core.records): a
row of the poor and near-poor list or of the register of people with revolutionary service as
the file gives it (its headings, the spellings communes write, its checks), the import asked
for (which list, which year), and the officer's answer to a row that matched no household."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relief.core.records import CONTACTS, Catalogue, Entry, Record
from relief.core.text import name_error, normalize_text
from relief.core.web import MAX_ID
from relief.households.identity import clean_id_number
from relief.households.models import MeritKind, PovertyStatus, RegisterKind

NAME_OR_ID = "A row needs the name or the ID number."
NO_STATUS = (
    "Write whether the household is poor or near-poor (a column “Phân loại hộ”, or the "
    "columns “Hộ nghèo” and “Hộ cận nghèo” marked x)."
)
NO_KIND = "Write the kind of the person on the register (a column “Diện đối tượng”)."
YEAR_RANGE = "Enter a year between 2000 and 2100."
LINK_OR_REASON = "Choose the household, or give the reason the row stays unmatched."

ROW_ENTRIES = (
    Entry(
        "name",
        str,
        "Full name",
        default="",
        max_length=120,
        clean=normalize_text,
        check=name_error,
        heading="Họ và tên",
        spellings=(
            "ho va ten chu ho",
            "ho ten chu ho",
            "chu ho",
            "ten chu ho",
            "ho ten",
            "ho va ten chu ho gia dinh",
            "ho va ten nguoi co cong",
            "ho ten nguoi co cong",
            "ho va ten doi tuong",
            "ho ten doi tuong",
            "ten doi tuong",
            "ho va ten nguoi huong",
            "ho ten nguoi huong tro cap",
            "name",
            "head name",
        ),
    ),
    Entry(
        "id_number",
        str,
        "ID number",
        default="",
        max_length=20,
        sees=CONTACTS,
        clean=clean_id_number,
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
            "so cccd cua chu ho",
        ),
    ),
    Entry(
        "hamlet",
        str,
        "Hamlet",
        default="",
        max_length=120,
        clean=normalize_text,
        heading="Thôn, xóm",
        spellings=(
            "thon",
            "xom",
            "ban",
            "lang",
            "thon xom",
            "thon xom ban",
            "thon ban",
            "thon to",
            "to dan pho",
            "thon to dan pho",
            "ten thon",
            "ten xom",
            "dia ban",
            "thon lang",
        ),
    ),
    Entry(
        "birth_year",
        int,
        "Birth year",
        min=1900,
        max=2100,
        kind="year",
        heading="Năm sinh",
        spellings=("ngay sinh", "ngay thang nam sinh", "nam sinh chu ho", "sinh nam"),
    ),
    Entry(
        "poverty_status",
        PovertyStatus,
        "Poverty status",
        heading="Phân loại hộ",
        spellings=(
            "ho ngheo can ngheo",
            "phan loai",
            "xep loai",
            "xep loai ho",
            "loai ho",
            "dien ho",
            "dien ho ngheo",
            "ket qua ra soat",
            "ket qua phan loai",
            "thuoc dien",
        ),
    ),
    Entry(
        "merit_kind",
        MeritKind,
        "Kind of person",
        heading="Diện đối tượng",
        spellings=(
            "doi tuong",
            "dien",
            "loai doi tuong",
            "doi tuong chinh sach",
            "dien chinh sach",
            "dien huong",
            "dien uu dai",
            "loai",
            "thanh phan",
        ),
    ),
    # A list that marks each household in one of two columns (x): read as its status.
    Entry(
        "poor_mark",
        bool,
        "Poor household",
        default=False,
        stored=False,
        heading="Hộ nghèo",
        spellings=("hn", "ngheo"),
    ),
    Entry(
        "near_poor_mark",
        bool,
        "Near-poor household",
        default=False,
        stored=False,
        heading="Hộ cận nghèo",
        spellings=("hcn", "can ngheo"),
    ),
)


def _row_rules(data: Any, errors: dict[str, str]) -> None:
    if not data.name and not data.id_number and "name" not in errors:
        errors["name"] = NAME_OR_ID


IMPORT_ENTRIES = (
    Entry("kind", RegisterKind, "List", required=True),
    Entry(
        "year",
        int,
        "Year",
        required=True,
        min=2000,
        max=2100,
        kind="year",
        messages={"out_of_range": YEAR_RANGE},
    ),
)

ANSWER_ENTRIES = (
    Entry("household_id", int, "Household", min=1, max=MAX_ID),
    Entry("note", str, "Reason", default="", max_length=500, clean=normalize_text),
)


def _answer_rules(data: Any, errors: dict[str, str]) -> None:
    if data.household_id is None and not data.note and "household_id" not in errors:
        errors["household_id"] = LINK_OR_REASON


REGISTER_ROW: Catalogue[RegisterRowIn, Record] = Catalogue(
    "register_entry",
    ROW_ENTRIES,
    write="RegisterRowIn",
    partial="RegisterRowPatch",
    module=__name__,
    rules=_row_rules,
    doc=("A row of a commune's poor and near-poor list or register, as the file gives it.", ""),
)
REGISTER_IMPORT: Catalogue[RegisterImportIn, Record] = Catalogue(
    "register_list",
    IMPORT_ENTRIES,
    write="RegisterImportIn",
    partial="RegisterImportPatch",
    module=__name__,
    doc=("Which of the commune's lists a file is, and of which year.", ""),
)
ENTRY_ANSWER: Catalogue[Record, EntryAnswerPatch] = Catalogue(
    "register_entry",
    ANSWER_ENTRIES,
    write="EntryAnswerIn",
    partial="EntryAnswerPatch",
    module=__name__,
    rules=_answer_rules,
    doc=(
        "",
        "A row read at `version` that matched no household: the household it is of, or the "
        "reason it stays unmatched.",
    ),
)

if TYPE_CHECKING:

    class RegisterRowIn(Record): ...

    class RegisterImportIn(Record): ...

    class EntryAnswerPatch(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    RegisterRowIn, RegisterRowPatch = REGISTER_ROW.write, REGISTER_ROW.partial
    RegisterImportIn, RegisterImportPatch = REGISTER_IMPORT.write, REGISTER_IMPORT.partial
    EntryAnswerIn, EntryAnswerPatch = ENTRY_ANSWER.write, ENTRY_ANSWER.partial
