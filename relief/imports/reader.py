"""Reading and checking an uploaded file, in a worker process (relief.core.workers).

The file's bounds are checked first (relief.imports.limits), then it is read row by row and
each row checked on its own (places, coded values, the forms' rules). The checked rows go to a
file in chunks, after the report's heading (the file's columns), so that the server checks
each chunk against the database while the next is read (`store.next_frame`), a chunk at a
time (a single answer of 100,000 rows would hold its event loop while it is unpickled); the
answer itself is small: the report of the reading, or the refusal as plain data.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from relief.core.errors import Invalid
from relief.core.formatting import one_day
from relief.core.i18n import current_language
from relief.imports import store
from relief.imports.models import ImportKind
from relief.imports.parsing import open_table
from relief.imports.quick import QuickRows
from relief.imports.rows import Places
from relief.imports.validation import Report, data_rows, take


def read_file(data: bytes, kind: ImportKind, places: Places, language: str, out: Path) -> dict:
    """{"errors": {field: message}} when the file is refused, else {"report", "encoding"}:
    the report's heading, then its checked rows in chunks, written to `out` as they are
    read (store.frame_writer)."""
    current_language.set(language)
    # The sheet's rows and the checked rows are a million objects that live until the end,
    # and no cycle among them: the collector's passes over them were a quarter of the
    # reading's time. The worker process ends with the call (the command line's reading, in
    # the server's own process, turns it on again below).
    collecting = gc.isenabled()
    gc.disable()
    try:
        table = open_table(data, kind)
        del data
        report = Report(table.headers, table.extra_columns)
        report.sheet, report.letters = table.sheet, table.columns
        if "assessed_on" in table.headers:  # the file's own dates, row by row
            places.assessed_on = None
        rows = data_rows(table, report, places)
        quick = QuickRows(places)  # each column's distinct values read once for the file
        with store.frame_writer(out) as write, one_day(places.today):  # the rules' "today"
            write(report)  # the heading: the server checks the rows in its columns' names
            while not report.too_many_rows:
                chunk = take(rows, report, places, quick)
                if not chunk:
                    break
                write(store.checked(chunk))
    except Invalid as exc:
        out.unlink(missing_ok=True)
        return {"errors": dict(exc.field_errors)}
    finally:
        if collecting:
            gc.enable()
    result: dict[str, Any] = {"report": report, "encoding": table.encoding}
    return result
