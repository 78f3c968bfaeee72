"""A quick report's fields, declared once (relief.core.records): its heading (the commune, the
disaster, the moment), a note, and one field per figure line of the circular's table that the
officer enters (`table.FIGURES`). The write, its readers of the page form and of a JSON body
come from this catalogue; the households' sums and the version number are the service's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.disaster_reports.table import FIGURE, FIGURES, MAX_FIGURE, TEXTS, Line

REPORT_HOUR = 17  # communes report daily "tính đến 17 giờ" (see docs/domain.md)
HOUR = "Enter an hour from 0 to 23."


def figure(value: float, line: Line) -> Decimal:
    """A figure as the exact decimal typed (a float from JSON or a form keeps its digits)."""
    return Decimal(repr(value)).normalize() if line.decimals else Decimal(int(value))


def _figure_entry(line: Line) -> Entry:
    step = Decimal(1).scaleb(-line.decimals)

    def check(value: float) -> str | None:
        number = Decimal(repr(value))
        if not number.is_finite() or not 0 <= number < MAX_FIGURE or number % step:
            return FIGURE
        return None

    def clean(text: str) -> str:
        text = text.replace(" ", "")
        return text.replace(",", ".") if line.decimals else text

    return Entry(
        line.key,
        float,
        line.label,
        stored=False,  # kept together, as `figures` (`figures_of`)
        clean=clean,
        check=check,
        messages={"not_number": FIGURE},
    )


ENTRIES = (
    Entry("commune_code", str, "Commune", required=True, max_length=10, stored=False),
    Entry("disaster_id", int, "Disaster", required=True, min=1, max=MAX_ID, stored=False),
    Entry("as_of_date", date, "Date", required=True, stored=False),
    Entry(
        "as_of_hour",
        int,
        "Hour",
        default=REPORT_HOUR,
        min=0,
        max=23,
        stored=False,
        messages={"out_of_range": HOUR},
    ),
    Entry("note", str, "Note", default="", max_length=4000, clean=normalize_text),
    *(_figure_entry(line) for line in FIGURES),
    *(
        Entry(t.key, str, t.label, default="", max_length=4000, clean=normalize_text, stored=False)
        for t in TEXTS.values()
    ),
)


def _rules(data: Any, errors: dict[str, str]) -> None:
    """A report is not made for a day still to come."""
    day = data.as_of_date
    if "as_of_date" not in errors and day is not None and day > local_today():
        errors["as_of_date"] = "This date is in the future."


def figures_of(data: Any) -> dict[str, str]:
    """The officer's figures as exact decimal strings, those left blank or at 0 left out."""
    out: dict[str, str] = {}
    for line in FIGURES:
        value = getattr(data, line.key)
        if value:
            out[line.key] = str(figure(value, line))
    return out


def texts_of(data: Any) -> dict[str, str]:
    """The report's parts in words, those left blank left out."""
    return {key: text for key in TEXTS if (text := getattr(data, key) or "")}


REPORT: Catalogue[ReportIn, Record] = Catalogue(
    "disaster_report",
    ENTRIES,
    write="ReportIn",
    partial="ReportPatch",
    module=__name__,
    rules=_rules,
    doc=(
        "A new version of a commune's quick report: its moment (`as_of_date`, `as_of_hour`) "
        "and the commune's figures, by line key (blank: 0), and its parts in words "
        "(situation, response, needs, proposals), by key.",
        "",
    ),
)

if TYPE_CHECKING:

    class ReportIn(Record): ...

else:  # bound to the name the shape carries (/schema shows it by this name)
    ReportIn = REPORT.write


# Sending a version and the province's answer: a step names the version it was taken on (the
# partial's `version`); returning a report also says why, in a comment the commune reads.
COMMENT_NEEDED = "Say why the report is returned: the commune reads it."

STEP: Catalogue[ReportStepIn, ReportStep] = Catalogue(
    "disaster_report_step",
    (),
    write="ReportStepIn",
    partial="ReportStep",
    module=__name__,
    doc=("", "Sends, or receives, the version of a quick report read at `version`."),
)

RETURN: Catalogue[ReportReturnIn, ReportReturn] = Catalogue(
    "disaster_report_return",
    (
        Entry(
            "return_comment",
            str,
            "Why it is returned",
            required=True,
            max_length=2000,
            clean=normalize_text,
            messages={"required": COMMENT_NEEDED},
        ),
    ),
    write="ReportReturnIn",
    partial="ReportReturn",
    module=__name__,
    doc=("", "Returns the version of a quick report read at `version`, saying why."),
)

if TYPE_CHECKING:

    class ReportStepIn(Record): ...

    class ReportStep(Record):
        version: int

    class ReportReturnIn(Record):
        return_comment: str

    class ReportReturn(Record):
        version: int
        return_comment: Any

else:
    ReportStepIn, ReportStep = STEP.write, STEP.partial
    ReportReturnIn, ReportReturn = RETURN.write, RETURN.partial
