"""The route handlers of the vouchers and the settlement, registered by relief.app; the house
page's section they add."""

from __future__ import annotations

from relief.core import sections
from relief.vouchers.views import VoucherViews, house_section

ROUTES: list = [VoucherViews]


def register_sections() -> None:
    """The house page shows the house's tranches, vouchers and settlement dossier."""
    sections.register("house", house_section)
