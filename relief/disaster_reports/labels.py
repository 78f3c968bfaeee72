"""The quick report's kind of record, as the audit trail names it."""

from __future__ import annotations

from relief.core.labels import ACTIONS, register, register_record

register_record(
    "disaster_report",
    "Quick report",
    {
        "sent_at": "Sent at",
        "sent_by": "Sent by",
        "received_at": "Received at",
        "received_by": "Received by",
        "returned_at": "Returned at",
        "returned_by": "Returned by",
        "return_comment": "Why it is returned",
    },
)
ACTIONS.add(
    {
        "send_report": "Sent to the province",
        "receive_report": "Received by the province",
        "return_report": "Returned to the commune",
    }
)

# The states of a report owed (relief.disaster_reports.duty).
REPORT_STATES = register(
    "report_state",
    {
        "due": "Due",
        "on_time": "Sent on time",
        "late": "Sent late",
        "missing": "Missing",
        "returned": "Returned",
        "received": "Received",
    },
    context="report_state",  # "Missing" is not a missing person here, nor "Due" a sum due
)

register_record(
    "period_report",
    "Event summary or periodic report",
    {
        "sent_at": "Sent at",
        "sent_by": "Sent by",
        "received_at": "Received at",
        "received_by": "Received by",
        "returned_at": "Returned at",
        "returned_by": "Returned by",
        "return_comment": "Why it is returned",
    },
)

# The kinds of report a commune sends besides the quick report (relief.disaster_reports.period).
PERIOD_KINDS = register(
    "period_kind",
    {
        "event": "Event summary report",
        "half_year": "Six-monthly report",
        "year": "Yearly report",
    },
)
