"""A preview's report as sentences in the officer's language: the pages and the command
line say the same thing, each error with the sheet's row and the column as the file shows."""

from __future__ import annotations

from typing import Any

from relief.core.i18n import gettext
from relief.households.labels import FIELDS

LAYOUT = {
    "blank": "blank row",
    "column numbers": "column-number row",
    "total": "total row",
    "signature": "signature lines",
    "section": "hamlet of the rows below",
}


def _params(entry: dict[str, Any]) -> dict[str, Any]:
    skip = ("row", "column", "letter", "message")
    return {k: v for k, v in entry.items() if k not in skip}


def described(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each error: its row, its column (letter and heading) and the message, translated."""
    shown = []
    for entry in report.get("errors", []):
        text = gettext(entry["message"], **_params(entry), column=entry["column"])
        column = entry["column"] if entry["column"] != "file" else ""
        where_column = f"{entry.get('letter', '')} “{column}”".strip() if column else ""
        if entry["row"] is None:
            line = text
        elif where_column:
            line = gettext("Row {row}, column {column}: {message}").format(
                row=entry["row"], column=where_column, message=text
            )
        else:
            line = gettext("Row {row}: {message}").format(row=entry["row"], message=text)
        shown.append({**entry, "where": where_column, "text": text, "line": line})
    return shown


def layout_lines(report: dict[str, Any]) -> list[str]:
    """The rows skipped as layout (title, numbering, totals, signatures), with their row."""
    lines = []
    for entry in report.get("layout", []):
        if entry["why"] == "blank":
            continue
        why = gettext(LAYOUT.get(entry["why"], entry["why"]))
        text = f": {entry['text']}" if entry.get("text") else ""
        lines.append(gettext("Row {row} skipped, {why}").format(row=entry["row"], why=why) + text)
    blank = [str(e["row"]) for e in report.get("layout", []) if e["why"] == "blank"]
    if blank:
        lines.append(gettext("Blank rows skipped: {rows}").format(rows=", ".join(blank[:50])))
    return lines


def changed_fields(report: dict[str, Any]) -> str:
    """ "Hamlet 2, Phone 1": which fields the changed rows change."""
    counts = report.get("changed_fields", {})
    return ", ".join(f"{gettext(FIELDS.get(k, k))} {n}" for k, n in counts.items())


def summary(batch: Any) -> str:
    report = batch.report
    line = gettext(
        "Rows: {rows}. New: {new}; changed: {changed}; unchanged: {unchanged}; other skipped: "
        "{skipped}; likely duplicates: {flagged}; conflicts: {conflicts}; errors: {errors}."
    ).format(
        rows=batch.rows,
        new=batch.created,
        changed=batch.updated,
        unchanged=report.get("unchanged", 0),
        skipped=batch.skipped - report.get("unchanged", 0),
        flagged=batch.flagged,
        conflicts=report.get("conflict_count", 0),
        errors=batch.errors,
    )
    fields = changed_fields(report)
    return f"{line} ({fields})" if fields else line
