"""The aid area's kinds of record, as the audit trail names them."""

from __future__ import annotations

from relief.core.labels import register_record

register_record(
    "aid_visit",
    "Aid visit",
    {
        "visited_on": "Visited on",
        "delegation": "Delegation",
        "leader": "Leader",
        "notes": "Notes",
        "disaster_id": "Disaster",
    },
)
register_record(
    "aid_given",
    "Aid given",
    {
        "household_id": "Household",
        "cash": "Cash",
        "goods": "Goods",
        "goods_value": "Value of the goods",
        "received_on": "Received on",
    },
)
register_record("receipt_list", "Receipt list")
