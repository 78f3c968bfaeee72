"""The route handlers of the vouchers and the settlement, registered by relief.app; the house
page's section they add."""

from __future__ import annotations

from relief.vouchers.api import VouchersApi
from relief.vouchers.views import VoucherViews

ROUTES: list = [VoucherViews, VouchersApi]
