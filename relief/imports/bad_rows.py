"""The rows of a list that were not taken in, back as a spreadsheet in the list's own layout:
its heading row as written, each bad row's cells as read, and beside them the row's number
in the list and what to correct, so that the officer fixes them and imports the file again.

The uploaded file and each bad row's errors are kept with the import's kept rows (the same
folder and the same days: relief.imports.store) while the preview waits and after it is
confirmed for its good rows."""

from __future__ import annotations

import io
import pickle
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from relief.core.cells import xlsx_cell
from relief.core.formatting import day, local_today
from relief.core.i18n import gettext
from relief.core.sheets import print_setup
from relief.imports.columns import MESSAGE_HEADING, ROW_HEADING
from relief.imports.messages import error_line
from relief.imports.models import ImportKind
from relief.imports.parsing import open_table

HAMLET_HEADING = "Hamlet"  # the column added for hamlets given by section rows


def keep(
    path: Path,
    data: bytes,
    kind: ImportKind,
    errors: dict[int, list[dict]],
    sections: dict[int, str] | None = None,
) -> None:
    """Keeps the uploaded file, each bad row's errors (by its row in the sheet), and the
    hamlet of those a section row named (the sheet to correct has no section rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        kept = (kind.value, data, errors, sections or {})
        pickle.dump(kept, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def workbook(path: Path) -> bytes:
    """The bad rows of a kept file as XLSX, in the request's language."""
    with path.open("rb") as fh:
        kind, data, errors, sections = pickle.load(fh)
    table = open_table(data, ImportKind(kind))
    # A hamlet that a section row gave: in the hamlet column, or in one added for it.
    hamlet_at = table.fields.index("hamlet") if "hamlet" in table.fields else None
    added = [gettext(HAMLET_HEADING)] if sections and hamlet_at is None else []
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = gettext("Rows to correct")
    headings = [*table.texts, *added, gettext(ROW_HEADING), gettext(MESSAGE_HEADING)]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    width = len(table.texts)
    for number, cells in table.rows:
        entries = errors.get(number)
        if not entries:
            continue
        values = [_cell(c) for c in cells[:width]] + [None] * (width - len(cells))
        hamlet = sections.get(number)
        if hamlet and hamlet_at is not None and values[hamlet_at] in (None, ""):
            values[hamlet_at] = hamlet
        extra = [hamlet or None] if added else []
        text = " ".join(error_line(e) for e in entries)
        sheet.append([xlsx_cell(sheet, v) for v in [*values, *extra, number, text]])
    sheet.freeze_panes = "A2"
    print_setup(sheet, stamp=gettext("As of {date}").format(date=day(local_today())))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
