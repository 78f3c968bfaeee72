"""The aid area's kinds of record, as the audit trail names them."""

from __future__ import annotations

from relief.aid.records import GIFT, VISIT
from relief.core.labels import register_record

register_record("aid_visit", "Aid visit", VISIT.labels())
register_record("aid_given", "Aid given", {**GIFT.labels(), "received_on": "Received on"})
register_record("receipt_list", "Receipt list")
