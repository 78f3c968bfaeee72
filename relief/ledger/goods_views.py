"""Pages of goods as goods: the stock staff read, and a donor's gift followed (public)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromPath
from litestar.response import Template

from relief.aid.models import GoodsStock
from relief.core.actor import CurrentActor
from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.core.scope import scoped
from relief.core.web import MAX_ID
from relief.ledger import follow, goods
from relief.ledger.public import ANONYMOUS_DONOR
from relief.ledger.public_views import PUBLIC_CACHE


class GoodsViews(Controller):
    path = "/ledger/goods"
    tags = ["ledger"]
    include_in_schema = False
    guards = [requires(Can.read_ledger)]

    @get("/", operation_id="goodsStockPage")
    async def stock(self, actor: CurrentActor) -> Template:
        """Goods received and given out, and what is left, per commune and kind of goods
        (a commune's staff see their commune's)."""
        rows = await goods.lines(scoped(actor, GoodsStock))
        return Template("ledger/goods.html", context={"rows": rows, "today": local_today()})


class FollowViews(Controller):
    path = "/public/gifts"
    tags = ["public"]
    include_in_schema = False
    cache_control = PUBLIC_CACHE

    @get("/{followed_donation_id:int}", operation_id="publicFollowGift")
    async def follow_gift(self, followed_donation_id: FromPath[int]) -> Template:
        """Where a gift went: the houses (code, hamlet, initials, stages, public photos) or
        visits its money paid for, its goods' commune and households reached (counts)."""
        if not 0 < followed_donation_id <= MAX_ID:
            raise NotFound()
        found = await follow.follow(followed_donation_id)
        return Template(
            "public/follow.html",
            context={"f": found, "today": local_today(), "anonymous": ANONYMOUS_DONOR},
        )
