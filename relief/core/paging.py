"""One page of a query: its rows, the total, and the page actually shown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

from tortoise.queryset import QuerySet

T = TypeVar("T")


@dataclass
class Paged(Generic[T]):
    items: list[T]
    total: int
    page: int
    pages: int
    more: bool = False  # more rows than `total`, which counted only up to a bound


async def paginate(qs: QuerySet, page: int, per_page: int) -> Paged:
    """Rows of `page` (the last page when beyond it) of an ordered query, in two queries."""
    total = await qs.count()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    items = list(await qs.offset((page - 1) * per_page).limit(per_page))
    return Paged(items=items, total=total, page=page, pages=pages)


async def paginate_up_to(qs: QuerySet, page: int, per_page: int, up_to: int = 1_000) -> Paged:
    """As `paginate`, but counting the rows only up to `up_to`: past it the total says "more"
    and the pages go on while a next page follows, so that a list of a province's tens of
    thousands of entries costs a page, not a count of them all (issue 29)."""
    counted = len(await qs.limit(up_to + 1).values_list("id", flat=True))
    more = counted > up_to
    total = min(counted, up_to)
    pages = max(1, math.ceil(total / per_page))
    page = max(1, page if more else min(page, pages))
    rows = list(await qs.offset((page - 1) * per_page).limit(per_page + 1))
    items, has_next = rows[:per_page], len(rows) > per_page
    if more:
        pages = max(pages, page + 1 if has_next else page)
    return Paged(items=items, total=total, page=page, pages=pages, more=more)
