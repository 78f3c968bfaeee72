"""A preview's report as sentences in the officer's language: the pages and the command
line say the same thing, each error with the sheet's row and the column as the file shows."""

from __future__ import annotations

from typing import Any

from relief.core.i18n import gettext
from relief.core.labels import field_label, value_label
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


def error_line(entry: dict[str, Any]) -> str:
    """One error of a row without its row: "“Column”: message" (the bad rows' sheet)."""
    text = gettext(entry["message"], **_params(entry), column=entry["column"])
    column = entry["column"] if entry["column"] != "file" else ""
    return gettext("“{column}”: {message}").format(column=column, message=text) if column else text


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


def conflict_list(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each row not written because its household changed in Relief meanwhile: the row, the
    household, why, and each field where the file and Relief differ, with both values."""
    shown = []
    for entry in report.get("conflicts", []):
        if entry.get("id"):
            household = gettext("household {id}").format(id=entry["id"])
            if entry.get("head_name"):
                household = f"{entry['head_name']} ({household})"
        else:
            household = gettext("a household of another commune")
        changes = []
        for change in entry.get("changes") or []:
            entity, name = change.get("entity") or "household", change["field"]
            changes.append(
                {
                    "label": field_label(entity, name),
                    "file": value_label(entity, name, change.get("file")),
                    "current": value_label(entity, name, change.get("current")),
                }
            )
        line = gettext("Row {row}, {household}: {message}").format(
            row=entry["row"], household=household, message=gettext(entry["message"])
        )
        shown.append({**entry, "household": household, "line": line, "shown": changes})
    return shown


def conflict_lines(report: dict[str, Any]) -> list[str]:
    """The conflicts as lines of text (the command line): a row, then one line per field."""
    lines = []
    for entry in conflict_list(report):
        lines.append(entry["line"])
        for change in entry["shown"]:
            lines.append(
                "  "
                + gettext("{field}: in the file “{file}”, in Relief now “{current}”").format(
                    field=change["label"], file=change["file"], current=change["current"]
                )
            )
    return lines
