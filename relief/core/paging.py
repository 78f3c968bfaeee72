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


async def paginate(qs: QuerySet, page: int, per_page: int) -> Paged:
    """Rows of `page` (the last page when beyond it) of an ordered query, in two queries."""
    total = await qs.count()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    items = list(await qs.offset((page - 1) * per_page).limit(per_page))
    return Paged(items=items, total=total, page=page, pages=pages)
