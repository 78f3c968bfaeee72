"""The household list: filters, accent-free search with exact-accent matches first, paging."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from tortoise.expressions import Case, Q, RawSQL, Subquery, When
from tortoise.query_utils import Prefetch
from tortoise.queryset import QuerySet, ValuesQuery

from relief.core.actor import Actor
from relief.core.permissions import can
from relief.core.scope import nothing, scoped
from relief.core.text import fold, normalize_text
from relief.households import words
from relief.households.identity import clean_phone
from relief.households.models import (
    DamageAssessment,
    DamageBand,
    Household,
    HouseholdWord,
    PovertyStatus,
)
from relief.households.schemas import FLAG_NAMES

PAGE_SIZE = 25
# A list counts its matches up to this many and says "more than" past it: counting a province's
# 300,000 households on every page view made the list's cost grow with the data (issue 29).
COUNT_UP_TO = 1_000
SORTS = {
    "name": ("head_name_key", "id"),
    "-name": ("-head_name_key", "-id"),
    "hamlet": ("hamlet__name_key", "head_name_key", "id"),
    "birth_year": ("birth_year", "head_name_key", "id"),
    "-birth_year": ("-birth_year", "head_name_key", "id"),
    "members": ("-members", "head_name_key", "id"),
    "newest": ("-id",),
}
_DIGITS = re.compile(r"^[\d\s.+\-]+$")
_PHONE = re.compile(r"^0\d{9}$")  # a whole phone number, as stored
ID_DIGITS = 12  # a citizen's whole ID number (Circular 59/2021/TT-BCA)


@dataclass
class HouseholdFilter:
    q: str = ""
    hamlet_id: int | None = None
    band: DamageBand | None = None
    poverty: PovertyStatus | None = None
    flags: list[str] = field(default_factory=list)
    relocation: bool = False
    house_case: bool | None = None
    archived: bool = False
    sort: str = "name"
    page: int = 1
    commune_code: str | None = None
    per_page: int = PAGE_SIZE

    @classmethod
    def from_query(cls, params: Any) -> HouseholdFilter:
        """From the query string; unknown values are ignored rather than answered with errors."""

        def one(name: str) -> str:
            value = params.get(name)
            return value.strip() if isinstance(value, str) else ""

        def integer(name: str) -> int | None:
            value = one(name)
            return int(value) if value.isdigit() and len(value) < 10 else None

        flags = params.getall("flag", []) if hasattr(params, "getall") else params.get("flag", [])
        if isinstance(flags, str):
            flags = [flags]
        band = one("band")
        poverty = one("poverty")
        house_case = one("house_case")
        return cls(
            q=one("q")[:100],
            hamlet_id=integer("hamlet"),
            band=DamageBand(band) if band in DamageBand._value2member_map_ else None,
            poverty=PovertyStatus(poverty) if poverty in PovertyStatus._value2member_map_ else None,
            flags=[f for f in flags if f in FLAG_NAMES],
            relocation=one("relocation") in {"1", "on", "true"},
            house_case={"1": True, "0": False}.get(house_case),
            archived=one("archived") in {"1", "on", "true"},
            sort=one("sort") if one("sort") in SORTS else "name",
            page=max(1, min(integer("page") or 1, 100_000)),
        )

    def query_string(self) -> str:
        """The filters as a query string (without the page), for pager and sort links."""
        from urllib.parse import urlencode

        pairs: list[tuple[str, Any]] = [
            ("q", self.q),
            ("hamlet", self.hamlet_id or ""),
            ("band", self.band.value if self.band else ""),
            ("poverty", self.poverty.value if self.poverty else ""),
            ("relocation", "1" if self.relocation else ""),
            ("house_case", {True: "1", False: "0", None: ""}[self.house_case]),
            ("archived", "1" if self.archived else ""),
            ("sort", self.sort if self.sort != "name" else ""),
        ] + [("flag", f) for f in self.flags]
        return urlencode([(k, v) for k, v in pairs if v != ""])


@dataclass
class HouseholdResults:
    items: list[Household]
    total: int  # the matches counted, at most COUNT_UP_TO
    page: int
    pages: int  # the pages of those counted, or the page after this one when there are more
    more: bool = False  # more households match than `total`


def _digits(qs: QuerySet, q: str) -> QuerySet:
    """By ID number (its beginning, or the whole of it) or phone: a whole ID number or phone
    is one entry of its unique index, a beginning a range of it; other digits are looked for
    anywhere in the phone (its last digits, as officers often type them)."""
    digits = re.sub(r"\D", "", q)
    phone = clean_phone(q)
    if not digits:
        return nothing(qs)  # only punctuation: nothing to look for
    if len(digits) == ID_DIGITS:
        return qs.filter(id_number=digits)
    low, high = words.prefix_range(digits)
    by_id = Q(id_number__gte=low, id_number__lt=high)
    if _PHONE.match(phone):
        return qs.filter(by_id | Q(phone=phone))
    return qs.filter(by_id | Q(phone__contains=phone) | Q(phone__contains=digits))


async def _search(
    actor: Actor, qs: QuerySet, q: str, contacts: bool, commune_id: int | None = None
) -> tuple[QuerySet, bool]:
    """By name, or by ID number or phone for those who may see them (the contacts rule).

    A name matches when the query, folded, begins one of its words and goes on from there
    ("van th" finds "Nguyễn Văn Thắng", "thang" and "Thắng" too): a prefix range of the kept
    words (relief.households.words). Returns the query and whether it ranks the names spelled
    as typed first: it does when at most COUNT_UP_TO words match (ranking more would sort
    them all); past that, the list keeps its order and the officer narrows the search."""
    if _DIGITS.match(q):
        if not contacts:
            return nothing(qs), False  # digits, but no right to search contacts
        return _digits(qs, q), False
    key = fold(q)
    if not key:
        return qs, False
    low, high = words.prefix_range(key)
    matched = scoped(actor, HouseholdWord).filter(tail__gte=low, tail__lt=high)
    if commune_id is not None:
        matched = matched.filter(commune_id=commune_id)
    found = await matched.limit(COUNT_UP_TO + 1).values_list("household_id", flat=True)
    if len(found) > COUNT_UP_TO:
        return qs.filter(id__in=Subquery(matched.values("household_id"))), False
    # Spellings of the query as typed: a name matching one of them ranks first.
    typed = normalize_text(q)
    spellings = {typed, typed.lower(), typed.title(), typed.capitalize()}
    exact = Q(*[Q(head_name__contains=s) for s in spellings], join_type="OR")
    ranked = qs.filter(id__in=sorted(set(found))).annotate(
        accent_rank=Case(When(exact, then="0"), default="1")
    )
    return ranked, True


def _relocation_ids(actor: Actor) -> ValuesQuery[Literal[False]]:
    """Households marked for emergency relocation, or with relocation among their needs."""
    # The JSON list is compared as text: portable to SQLite and PostgreSQL alike.
    return (
        scoped(actor, DamageAssessment)
        .annotate(needs_text=RawSQL("CAST(needs AS TEXT)"))
        .filter(Q(relocated=True) | Q(needs_text__contains='"relocation"'))
        .values("household_id")
    )


def filtered(actor: Actor, f: HouseholdFilter) -> QuerySet:
    qs = scoped(actor, Household)
    qs = qs.filter(archived_at__isnull=not f.archived)
    if f.commune_code is not None:
        qs = qs.filter(commune__code=f.commune_code)
    if f.hamlet_id is not None:
        qs = qs.filter(hamlet_id=f.hamlet_id)
    if f.poverty is not None:
        qs = qs.filter(poverty_status=f.poverty)
    for flag in f.flags:
        qs = qs.filter(**{flag: True})
    if f.band is not None:
        damaged = scoped(actor, DamageAssessment).filter(band=f.band).values("household_id")
        qs = qs.filter(id__in=Subquery(damaged))
    if f.relocation:
        qs = qs.filter(id__in=Subquery(_relocation_ids(actor)))
    if f.house_case is not None:
        cases = scoped(actor, Household).filter(house_cases__id__isnull=False).values("id")
        qs = (
            qs.filter(id__in=Subquery(cases))
            if f.house_case
            else qs.exclude(id__in=Subquery(cases))
        )
    return qs


async def search_households(actor: Actor, f: HouseholdFilter) -> HouseholdResults:
    """One page of the actor's households; a constant number of queries whatever the size."""
    qs = filtered(actor, f)
    ranked = False
    if f.q:
        qs, ranked = await _search(actor, qs, f.q, can(actor).see_any_contacts)
    ordering = SORTS[f.sort]
    if ranked:
        ordering = ("accent_rank", *ordering)

    async def page_of(page: int) -> list[Household]:
        # One row past the page says whether another page follows.
        return list(
            await qs.order_by(*ordering)
            .offset((page - 1) * f.per_page)
            .limit(f.per_page + 1)
            .select_related("hamlet")
            .prefetch_related(
                Prefetch("damage_assessments", queryset=scoped(actor, DamageAssessment))
            )
        )

    # Counted up to a bound, in the database's index order: the cost stays flat however many
    # households the scope holds.
    counted = len(await qs.order_by().limit(COUNT_UP_TO + 1).values_list("id", flat=True))
    more = counted > COUNT_UP_TO
    total = min(counted, COUNT_UP_TO)
    page = max(f.page, 1)
    if not more:
        page = min(page, max(1, math.ceil(total / f.per_page)))  # past the last page: the last
    rows = await page_of(page) if total else []
    items, has_next = rows[: f.per_page], len(rows) > f.per_page
    pages = max(1, math.ceil(total / f.per_page))
    if more:
        pages = max(pages, page + 1 if has_next else page)
    return HouseholdResults(items=items, total=total, page=page, pages=pages, more=more)


async def pick_households(
    actor: Actor, commune_id: int, q: str, exclude: list[int] | None = None, limit: int = 20
) -> list[Household]:
    """Households of one commune matching a name, ID number or phone (for picking in a form)."""
    if not q.strip():
        return []
    qs = scoped(actor, Household).filter(commune_id=commune_id, archived_at=None)
    if exclude:
        qs = qs.exclude(id__in=exclude)
    qs, ranked = await _search(
        actor, qs, q.strip()[:100], can(actor).see_contacts(commune_id), commune_id
    )
    ordering = ["head_name_key", "id"]
    if ranked:
        ordering.insert(0, "accent_rank")
    return list(await qs.order_by(*ordering).limit(limit).select_related("hamlet"))
