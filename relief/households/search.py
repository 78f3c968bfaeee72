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
from relief.places.models import Commune, Hamlet

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
# A name's matches are read from the words' index in its order, a page's worth and this many
# more at first (households the filters leave out, names with the word twice), then twice as
# many at each step, until the page is filled: the search stops there however many households
# the name matches (issue 29).
WORD_CHUNK = 8
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
    spellings = _spellings(q)
    exact = Q(*[Q(head_name__contains=s) for s in spellings], join_type="OR")
    ranked = qs.filter(id__in=sorted(set(found))).annotate(
        accent_rank=Case(When(exact, then="0"), default="1")
    )
    return ranked, True


def _spellings(q: str) -> set[str]:
    """The query as typed, in the ways a name may be capitalized: a name containing one of
    them is spelled as typed (its accents, or their lack, as the officer typed them)."""
    typed = normalize_text(q)
    return {typed, typed.lower(), typed.title(), typed.capitalize()}


def _by_name(q: str) -> str | None:
    """The folded key of a search by name (None: by digits, or nothing to look for)."""
    return None if _DIGITS.match(q) else (fold(q) or None)


def words_in_order(actor: Actor, key: str, commune_id: int | None = None) -> QuerySet:
    """The actor's kept words beginning with `key`, in the order of their index (a commune's:
    commune, word, household; the province's: word, household): read from the beginning with
    a LIMIT, the database stops there instead of sorting every match."""
    low, high = words.prefix_range(key)
    matched = scoped(actor, HouseholdWord).filter(tail__gte=low, tail__lt=high)
    if commune_id is not None:
        matched = matched.filter(commune_id=commune_id)
    return matched.order_by("tail", "household_id")


async def _in_word_order(
    actor: Actor, qs: QuerySet, key: str, skip: int, want: int, commune_id: int | None = None
) -> list[int]:
    """The ids of the households of `qs` whose name has a word beginning with `key`, in the
    order of the words' index (the matched word and the rest of the name from it, then the
    id), the first `skip` of them passed over and at most `want` returned.

    The index is read from the range's beginning WORD_CHUNK words at a time, each chunk's
    households checked against the list's filters by one query of their ids, until enough are
    found: a page costs the same whether the name matches ten households or a third of the
    province (no sort of every match, no count of them). A household whose name begins two
    words with the key ("Thị Thìn" for "thi") is listed once, at its first word."""
    ordered = words_in_order(actor, key, commune_id)
    seen: set[int] = set()
    found: list[int] = []
    start, chunk = 0, skip + want + WORD_CHUNK
    while len(found) < skip + want:
        rows: list[Any] = await (
            ordered.offset(start).limit(chunk).values_list("household_id", flat=True)
        )
        fresh: list[int] = [h for h in dict.fromkeys(rows) if h not in seen]
        seen.update(fresh)
        if fresh:
            kept = set(await qs.filter(id__in=fresh).values_list("id", flat=True))
            found += [h for h in fresh if h in kept]
        if len(rows) < chunk:
            break
        start += chunk
        chunk *= 2  # the filters keep few of these words: read on in larger steps
    return found[skip : skip + want]


def _spelled_first(households: list[Household], q: str) -> list[Household]:
    """The names spelled as typed first, each group in its order (a page's own order)."""
    spellings = _spellings(q)
    exact = [h for h in households if any(s in h.head_name for s in spellings)]
    return exact + [h for h in households if h not in exact]


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


async def _page_by_name(
    actor: Actor, qs: QuerySet, f: HouseholdFilter, key: str
) -> HouseholdResults:
    """A page of a search by name in the order of the words' index, the names spelled as typed
    first on each page; no count of the matches: the page says whether another follows."""
    page = max(f.page, 1)
    # A commune or hamlet asked for: that commune's range of the words, not the province's
    # read until enough of its households turn up (the list's own query keeps the scope).
    places: list[Any] = []
    if f.hamlet_id is not None:
        places = await Hamlet.filter(id=f.hamlet_id).values_list("commune_id", flat=True)
    elif f.commune_code is not None:
        places = await Commune.filter(code=f.commune_code).values_list("id", flat=True)
    commune_id = places[0] if places else None
    ids = await _in_word_order(actor, qs, key, (page - 1) * f.per_page, f.per_page + 1, commune_id)
    if not ids and page > 1:  # past the last page: the first (its number is not known)
        return await _page_by_name(actor, qs, HouseholdFilter(**{**vars(f), "page": 1}), key)
    has_next = len(ids) > f.per_page
    ids = ids[: f.per_page]
    by_id = {
        h.id: h
        for h in await qs.filter(id__in=ids)
        .select_related("hamlet")
        .prefetch_related(Prefetch("damage_assessments", queryset=scoped(actor, DamageAssessment)))
    }
    items = _spelled_first([by_id[i] for i in ids if i in by_id], f.q)
    total = (page - 1) * f.per_page + len(items)
    pages = page + 1 if has_next else page
    return HouseholdResults(items=items, total=total, page=page, pages=pages, more=has_next)


async def search_households(actor: Actor, f: HouseholdFilter) -> HouseholdResults:
    """One page of the actor's households; a constant number of queries whatever the size.

    A search by name in the list's own order (by name) reads the words' index in its order
    and stops at the page (`_page_by_name`); in another order it sorts its matches when they
    are at most COUNT_UP_TO, else lists them in the list's order."""
    qs = filtered(actor, f)
    key = _by_name(f.q) if f.q else None
    if key is not None and f.sort == "name":
        return await _page_by_name(actor, qs, f, key)
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
    key = _by_name(q.strip()[:100])
    if key is not None:  # in the words' order, read up to the few asked for
        ids = await _in_word_order(actor, qs, key, 0, limit, commune_id)
        by_id = {h.id: h for h in await qs.filter(id__in=ids).select_related("hamlet")}
        return _spelled_first([by_id[i] for i in ids if i in by_id], q.strip()[:100])
    qs, ranked = await _search(
        actor, qs, q.strip()[:100], can(actor).see_contacts(commune_id), commune_id
    )
    ordering = ["head_name_key", "id"]
    if ranked:
        ordering.insert(0, "accent_rank")
    return list(await qs.order_by(*ordering).limit(limit).select_related("hamlet"))
