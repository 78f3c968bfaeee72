"""The downloadable XLSX template, in the reader's language: the headings, one example row,
the allowed values and the other headings understood (the importer reads both languages)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.sheets import print_setup
from relief.households.models import DamageBand, Gender, HouseClass, PovertyStatus
from relief.imports.columns import COLUMNS, allowed_values, heading, heading_key

# The household code and version come with an exported list; a new list has neither.
# Not in the template: the code and version of an exported list, the former address of an
# old list (read when a list has them).
NOT_IN_TEMPLATE = ("household_code", "version", "former_district", "former_province")
TEMPLATE_COLUMNS = tuple(c for c in COLUMNS if c.field not in NOT_IN_TEMPLATE)


def example() -> dict[str, object]:
    """The example row: names as they are, coded values by their labels."""
    return {
        "commune": "Thần Sa",
        "hamlet": "Kim Sơn",
        "head_name": "Hoàng Văn Thắng",
        "gender": label(Gender.MALE),
        "birth_year": 1970,
        "id_number": "019070001234",
        "phone": "0912345678",
        "members": 4,
        "ethnicity": "Tày",
        "poverty_status": label(PovertyStatus.POOR),
        "poverty_year": 2025,
        "revolutionary_service": "",
        "martyr_family": "",
        "social_protection": "x",
        "especially_hard": "",
        "address_detail": gettext("Near the hamlet's cultural house"),
        "house_class": label(HouseClass.SEMI_SOLID),
        "band": label(DamageBand.HEAVY),
        "collapsed": "",
        "flooded": "x",
        "flood_depth_m": "1,5",
        "roof_blown_off": "",
        "landslide_relocation": "",
        "relocated": "x",
        "relocated_on": "07/10/2025",
        "dead": "",
        "missing": "",
        "injured": "",
        "estimated_loss": "60.000.000",
        "needs": "; ".join(label(code, "need") for code in ("rebuild", "food")),
        "assessed_on": "10/10/2025",
        "assessed_by": "Nguyễn Văn An",
        "duplicate_reason": "",
    }


def _bold_header(sheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def template_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = gettext("List of households")
    headings = [heading(c) for c in TEMPLATE_COLUMNS]
    _bold_header(sheet, headings)
    row = example()
    sheet.append([row.get(c.field, "") for c in TEMPLATE_COLUMNS])
    for i, column in enumerate(TEMPLATE_COLUMNS, start=1):
        width = max(len(headings[i - 1]), len(str(row.get(column.field, "")))) + 2
        sheet.column_dimensions[get_column_letter(i)].width = min(width, 40)
    sheet["F2"].number_format = "@"  # ID numbers and phones are text: Excel drops the 0
    sheet["G2"].number_format = "@"
    sheet.freeze_panes = "A2"
    print_setup(sheet)  # printed blank, to fill in by hand

    values = book.create_sheet(gettext("Allowed values"))
    _bold_header(values, [gettext("Column"), gettext("Value")])
    for header, options in allowed_values():
        for option in options:
            values.append([header, option])
    values.append([])
    commune = next(c for c in COLUMNS if c.field == "commune")
    values.append(
        [
            heading(commune),
            gettext("Today's commune by name or code, or a former commune (before 2025)"),
        ]
    )
    values.append([gettext("Date"), gettext("day/month/year, e.g. 07/10/2025")])
    values.append([gettext("Amount"), gettext("whole đồng, e.g. 60.000.000")])
    for col in ("A", "B"):
        values.column_dimensions[col].width = 40

    understood = book.create_sheet(gettext("Column headings"))
    _bold_header(
        understood,
        [
            gettext("Heading in the template"),
            gettext("Also understood (without accents, any case)"),
        ],
    )
    for column in COLUMNS:
        own = heading(column)
        others = [heading_key(name) for name in (column.vi, column.en) if name != own]
        understood.append([own, "; ".join(dict.fromkeys([*others, *column.aliases]))])
    understood.append([])
    understood.append(
        [gettext("Rows skipped"), gettext("blank rows, column numbers, totals, signatures")]
    )
    understood.append(
        [gettext("A row with a hamlet's name alone"), gettext("the hamlet of the rows below it")]
    )
    for col, width in (("A", 30), ("B", 90)):
        understood.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
