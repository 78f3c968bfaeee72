"""Bank statements in: a fund's receiving account's statement imported, its credits matched to
the donations in the books, a donation proposed for each credit nothing matched, repeats
flagged, and the officer's decisions on the proposals.

- **Matched**: a donation of the statement's fund already in the books whose bank reference
  or receipt number the credit's description carries (or whose reference is the bank's
  transaction number), of the same amount, received within a week before the credit was
  booked (or three days after). A donation is matched by one credit only.
- **Proposed**: any other credit. A donation is proposed from it (the donor's name read from
  the description as the bank wrote it); the Front's officer confirms it as it is, edits the
  donor's name and consent, or ignores the credit with a reason (interest, a refund). Every
  decision of one sending is written in one transaction, each with its audit entry; a
  confirmed proposal is recorded by `service.record_donation` (receipt, kept figures).
- **Repeated**: the same transaction of the same account imported before (or twice in the
  file): known by the bank's transaction number, else by its day, amount and description.
  It is counted once, where it was first imported (a unique index keeps a race from counting
  it twice).
- **Debit**: money out of the account (a bank's fee): no donation.

A statement belongs to the fund of its importer's level (the province's Front: the province
fund; a commune's Front: its commune's), and only the Front of that level reconciles it.
The statement's credits equal the sum of its lines' in every state: the page shows both, and
the total the bank's own file states ("Tổng số").
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from relief.core import audit, once, workers
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.i18n import current_language, gettext
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import fold
from relief.ledger import bank_file, campaigns, service
from relief.ledger.models import (
    BankLine,
    BankLineState,
    BankStatement,
    Campaign,
    Channel,
    Donation,
    Fund,
    FundLevel,
)
from relief.ledger.records import DonationIn

MAX_BYTES = 10 * 1024 * 1024
NO_FILE = "Choose the statement's file (.xlsx, .xls, .ods or .csv)."
TOO_LARGE = "The file is larger than 10 MB: export a shorter period."
NO_ACCOUNT = "The statement's account number is not in its first lines: type the account number."
ALREADY = "This file was imported already (statement {id})."
NO_REASON = "Say why this credit is no donation."
DECIDED = "Someone decided on this line meanwhile: reload the page."
MATCH_BEFORE = timedelta(days=7)  # a donation recorded up to a week before the bank booked it
MATCH_AFTER = timedelta(days=3)
KEYS_PER_QUERY = 5_000  # under the databases' limits on a query's arguments
STATES = tuple(BankLineState)
ACTIONS = ("confirm", "ignore")


# --- reading a line ----------------------------------------------------------------------------


def repeat_key(line: dict[str, Any]) -> str:
    """Which transaction a line is: the bank's number, else its day, amount and description."""
    if line["txn_ref"]:
        return "ref:" + line["txn_ref"][:70]
    text = " ".join(fold(line["description"]).split())
    raw = f"{line['booked_on'].isoformat()}|{line['credit']}|{line['debit']}|{text}"
    return "dad:" + hashlib.sha256(raw.encode()).hexdigest()[:64]


def _plain(text: str) -> str:
    """Letters and digits only, upper case: how a reference is looked for in a description."""
    return re.sub(r"[^0-9A-Z]", "", fold(text).upper())


_SENDER = re.compile(r"\bCT tu \d+ (.+?) toi \d", re.IGNORECASE)
_CALL_WORDS = re.compile(r"\b(?:UH|UNG HO|CHUYEN TIEN|CT DEN|IBFT)\b", re.IGNORECASE)


def donor_from(description: str, counterpart: str, code: str) -> str:
    """The donor's name as the bank wrote it: the counterpart's column, the sender of a
    Vietcombank transfer ("CT tu <account> <NAME> toi"), the words after the campaign's
    code ("UH BL2025 NGUYEN VAN AN"), else the words before "ủng hộ". "" when none."""
    found = counterpart.strip()
    if not found:
        sender = _SENDER.search(description)
        found = sender.group(1) if sender else ""
    if not found and code:
        after = re.search(rf"\b{re.escape(code)}\b\s*([^.\d:]+)", description, re.IGNORECASE)
        found = after.group(1) if after else ""
    if not found:
        before = _CALL_WORDS.split(description, maxsplit=1)[0]
        found = re.sub(r"^[\w-]*\d[\w-]*\s+", "", before)  # a reference number before it
        if re.search(r"\d", found):
            found = ""
    words = found.split()
    return " ".join(w.capitalize() for w in words)[:200] if len(words) <= 12 else ""


# --- who ---------------------------------------------------------------------------------------


async def fund_of(actor: Actor) -> Fund:
    """The fund whose account a Front officer's statements are: its level's (its province's;
    an administrator, of no province, the central fund's)."""
    if not can(actor).keep_ledger:
        raise Forbidden()
    if actor.commune_id is None:
        level = FundLevel.PROVINCE if actor.province_id is not None else FundLevel.CENTRAL
        return await service.fund_for(level, None, actor.province_id)
    return await service.fund_for(FundLevel.COMMUNE, actor.commune_id, None)


async def statements_of(actor: Actor) -> list[BankStatement]:
    """The statements of the funds the actor reconciles, latest first."""
    if not can(actor).keep_ledger:
        raise Forbidden()
    qs = scoped(actor, BankStatement)
    if not can(actor).administer:
        qs = qs.filter(commune_id=actor.commune_id)
    return await qs.order_by("-imported_at", "-id").limit(100)


async def get_statement(actor: Actor, statement_id: int) -> BankStatement:
    """A statement the actor reconciles: 404 outside its scope, 403 for a Front of another
    level (a commune's Front on the province's statement, the province's on a commune's)."""
    found = await scoped(actor, BankStatement).get_or_none(id=statement_id)
    if found is None:
        raise NotFound()
    if not can(actor).keep_fund(found.commune_id):
        raise Forbidden()
    return found


# --- importing ---------------------------------------------------------------------------------


async def _campaign_of(account: str, day: date | None) -> Campaign | None:
    """The campaign whose receiving accounts include the account, the latest first; else the
    campaign open on the statement's last day."""
    for campaign in await Campaign.all().order_by("-starts_on", "-id"):
        if any("".join(str(a.get("number", "")).split()) == account for a in campaign.accounts):
            return campaign
    return await campaigns.campaign_for(day) if day else None


async def _matches(fund: Fund, lines: list[dict[str, Any]]) -> dict[int, int]:
    """Line index -> the donation it matches (reference, amount, date; each donation once)."""
    credits = {line["credit"] for line in lines if line["credit"] > 0}
    if not credits:
        return {}
    days = [line["booked_on"] for line in lines]
    # Named by subqueries, not lists of ids (a province's books pass PostgreSQL's 32,767
    # query arguments).
    taken = Subquery(BankLine.filter(donation_id__not_isnull=True).values("donation_id"))
    reversed_ = Subquery(Donation.filter(reverses_id__not_isnull=True).values("reverses_id"))
    candidates = (
        await Donation.filter(
            fund_id=fund.id,
            amount__in=list(credits),
            reverses_id=None,
            received_on__gte=min(days) - MATCH_BEFORE,
            received_on__lte=max(days) + MATCH_AFTER,
        )
        .exclude(id__in=taken)
        .exclude(id__in=reversed_)
        .order_by("received_on", "id")
    )
    by_amount: dict[int, list[tuple[Donation, list[str]]]] = {}
    for donation in candidates:  # each with its references as looked for in a description
        refs = [_plain(donation.reference), _plain(donation.receipt_number)]
        kept = [r for r in refs if len(r) >= 5]
        by_amount.setdefault(donation.amount, []).append((donation, kept))
    used: set[int] = set()
    found: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line["credit"] <= 0 or line.get("repeat") or line["credit"] not in by_amount:
            continue
        text = _plain(line["description"])
        low, high = line["booked_on"] - MATCH_BEFORE, line["booked_on"] + MATCH_AFTER
        for donation, refs in by_amount[line["credit"]]:
            if donation.id in used or not low <= donation.received_on <= high:
                continue
            same_number = bool(line["txn_ref"]) and donation.reference == line["txn_ref"]
            if same_number or any(r in text for r in refs):
                found[index] = donation.id
                used.add(donation.id)
                break
    return found


def _state(line: dict[str, Any], matched: int | None) -> BankLineState:
    if line.get("repeat"):
        return BankLineState.REPEATED
    if line["credit"] <= 0:
        return BankLineState.DEBIT
    return BankLineState.MATCHED if matched else BankLineState.PROPOSED


async def import_statement(
    actor: Actor,
    file_name: str,
    data: bytes,
    values: dict[str, Any] | None = None,
    *,
    read_here: bool = False,
) -> BankStatement:
    """Reads a statement's file and writes it with its lines matched, proposed, repeated."""
    fund = await fund_of(actor)
    values = values or {}
    if not data.strip():
        raise Invalid({"file": NO_FILE})
    if len(data) > MAX_BYTES:
        raise Invalid({"file": TOO_LARGE})
    args = (data, file_name or "statement", current_language.get())
    if read_here:
        read = await asyncio.to_thread(bank_file.read_statement, *args)
    else:
        read = await workers.in_process(bank_file.read_statement, *args)
    if "errors" in read:
        raise Invalid(read["errors"])
    head, lines = read["head"], read["lines"]
    typed = "".join(str(values.get("account") or "").split())
    account = head["account"] or typed
    if not account.isdigit() or not 6 <= len(account) <= 20:
        raise Invalid({"account": NO_ACCOUNT})
    checksum = hashlib.sha256(data).hexdigest()
    same = await BankStatement.filter(account_number=account, checksum=checksum).first()
    if same is not None:
        raise Invalid({"file": gettext(ALREADY, id=same.id)})
    campaign = await _campaign_of(account, head["to"] or lines[-1]["booked_on"])
    try:
        async with in_transaction():
            made = await _write(actor, fund, campaign, file_name, checksum, head, account, read)
            await once.record(made)  # the page's submission key, kept with the write
            return made
    except IntegrityError as exc:  # the same transactions imported at the same moment
        raise Conflict("This statement's transactions were imported meanwhile.") from exc


async def _known(account: str, keys: list[str]) -> dict[str, int]:
    """The lines of the account that hold these keys (the first import of each), by key."""
    found: dict[str, int] = {}
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        rows = await BankLine.filter(account_number=account, repeat_key__in=chunk).values_list(
            "repeat_key", "id"
        )
        found.update(dict(rows))
    return found


async def _write(
    actor: Actor,
    fund: Fund,
    campaign: Campaign | None,
    file_name: str,
    checksum: str,
    head: dict[str, Any],
    account: str,
    read: dict[str, Any],
) -> BankStatement:
    await Fund.filter(id=fund.id).select_for_update().get()  # one import of a fund at a time
    lines: list[dict[str, Any]] = read["lines"]
    keys = [repeat_key(line) for line in lines]
    known = await _known(account, keys)
    first_in_file: dict[str, int] = {}
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if key in known or key in first_in_file:
            line["repeat"] = True
        else:
            first_in_file[key] = index
    matched = await _matches(fund, lines)
    stated = read.get("stated") or {}
    statement = await BankStatement.create(
        fund_id=fund.id,
        commune_id=fund.commune_id,
        campaign_id=campaign.id if campaign else None,
        bank=head["bank"][:60],
        account_number=account,
        account_holder=(head["holder"] or "")[:200],
        period_from=head["from"] or min(x["booked_on"] for x in lines),
        period_to=head["to"] or max(x["booked_on"] for x in lines),
        file_name=(Path(file_name).name or "statement")[:255],
        checksum=checksum,
        lines_count=len(lines),
        credits=sum(x["credit"] for x in lines),
        debits=sum(x["debit"] for x in lines),
        stated_credits=stated.get("credit"),
        stated_debits=stated.get("debit"),
        imported_by_id=actor.user_id,
    )
    code = campaign.code if campaign else ""
    rows = []
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        state = _state(line, matched.get(index))
        rows.append(
            BankLine(
                statement_id=statement.id,
                row=line["row"],
                booked_on=line["booked_on"],
                txn_ref=line["txn_ref"],
                description=line["description"],
                counterpart=line["counterpart"],
                credit=line["credit"],
                debit=line["debit"],
                state=state,
                account_number=account,
                repeat_key=None if line.get("repeat") else key,
                repeat_of_id=known.get(key) if line.get("repeat") else None,
                donation_id=matched.get(index),
                proposed_donor=donor_from(line["description"], line["counterpart"], code)
                if state is BankLineState.PROPOSED
                else "",
            )
        )
    await BankLine.bulk_create(rows, batch_size=500)
    # A repeat points at the line that counts it (one imported before, or earlier in the file).
    firsts = await _known(account, keys)
    for line, key in zip(lines, keys, strict=True):
        if line.get("repeat") and key not in known:  # a repeat within the file
            await BankLine.filter(
                statement_id=statement.id, row=line["row"], repeat_of_id=None
            ).update(repeat_of_id=firsts[key])
    counts = await _counts(statement.id)
    await audit.record(
        actor,
        "import",
        "bank_statement",
        statement.id,
        commune_id=fund.commune_id,
        after={
            "account_number": account,
            "period_from": statement.period_from.isoformat() if statement.period_from else None,
            "period_to": statement.period_to.isoformat() if statement.period_to else None,
            "credits": statement.credits,
            **{f"{s}_lines": counts[s]["lines"] for s in STATES},
        },
    )
    return statement


# --- the reconciliation ------------------------------------------------------------------------


async def _counts(statement_id: int) -> dict[str, dict[str, int]]:
    rows = (
        await BankLine.filter(statement_id=statement_id)
        .group_by("state")
        .annotate(n=Count("id"), c=Sum("credit"), d=Sum("debit"))
        .values("state", "n", "c", "d")
    )
    found = {s.value: {"lines": 0, "credit": 0, "debit": 0} for s in STATES}
    for row in rows:
        state = str(getattr(row["state"], "value", row["state"]))
        found[state] = {
            "lines": row["n"],
            "credit": int(row["c"] or 0),
            "debit": int(row["d"] or 0),
        }
    return found


@dataclass
class Reconciliation:
    """A statement's lines per state, with their totals: they add up to the statement's."""

    statement: BankStatement
    counts: dict[str, dict[str, int]]

    @property
    def credits(self) -> int:
        return sum(c["credit"] for c in self.counts.values())

    @property
    def debits(self) -> int:
        return sum(c["debit"] for c in self.counts.values())

    @property
    def balanced(self) -> bool:
        """The lines' totals equal the statement's (and the total its file states)."""
        s = self.statement
        return (
            self.credits == s.credits
            and self.debits == s.debits
            and s.stated_credits in (None, s.credits)
            and s.stated_debits in (None, s.debits)
        )

    @property
    def counted(self) -> int:
        """Credits that are donations in the books: matched and recorded."""
        return self.counts["matched"]["credit"] + self.counts["recorded"]["credit"]


async def reconciliation(statement: BankStatement) -> Reconciliation:
    return Reconciliation(statement, await _counts(statement.id))


async def lines_of(
    statement: BankStatement, state: str, page: int, per_page: int = 50
) -> list[tuple[BankLine, Donation | None, int | None]]:
    """A page of a statement's lines in one state, each with the donation it matched or
    recorded and, for a repeat, the statement that counts it."""
    qs = BankLine.filter(statement_id=statement.id, state=state).order_by("booked_on", "row")
    lines = await qs.offset((page - 1) * per_page).limit(per_page)
    named = [x.donation_id for x in lines if x.donation_id]
    donations = {d.id: d for d in await Donation.filter(id__in=named)}
    firsts = dict(
        await BankLine.filter(id__in=[x.repeat_of_id for x in lines if x.repeat_of_id]).values_list(
            "id", "statement_id"
        )
    )
    return [(x, donations.get(x.donation_id or 0), firsts.get(x.repeat_of_id or 0)) for x in lines]


# --- deciding ----------------------------------------------------------------------------------


def decisions_from(values: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The form's decisions: do_<line> (confirm, ignore or nothing), donor_<line>,
    named_<line>, note_<line>."""
    found: dict[int, dict[str, Any]] = {}
    for name, value in values.items():
        if not name.startswith("do_") or value not in ACTIONS:
            continue
        try:
            line_id = int(name[3:])
        except ValueError:
            continue
        found[line_id] = {
            "action": value,
            "donor": " ".join(str(values.get(f"donor_{line_id}") or "").split())[:200],
            "named": str(values.get(f"named_{line_id}") or "") in ("1", "on", "true"),
            "note": " ".join(str(values.get(f"note_{line_id}") or "").split())[:300],
        }
    return found


async def decide(actor: Actor, statement_id: int, values: dict[str, Any]) -> BankStatement:
    """The officer's decisions on proposed lines, all in one transaction, each audited:
    confirm (the donation recorded, its donor's name as proposed or edited) or ignore (with
    a reason). A line decided meanwhile refuses the whole sending."""
    statement = await get_statement(actor, statement_id)
    decisions = decisions_from(values)
    if not decisions:
        raise Invalid({"decisions": "Choose what to do with at least one line."})
    errors = {
        f"note_{line_id}": NO_REASON
        for line_id, d in decisions.items()
        if d["action"] == "ignore" and not d["note"]
    }
    if errors:
        raise Invalid(errors)
    fund = await Fund.get(id=statement.fund_id)
    now = datetime.now(UTC)
    async with in_transaction():
        lines = {
            line.id: line
            for line in await BankLine.filter(
                statement_id=statement.id, id__in=list(decisions)
            ).select_for_update()
        }
        if set(lines) != set(decisions):
            raise Invalid({"decisions": "No such line in this statement."})
        for line_id in sorted(decisions):
            line, decision = lines[line_id], decisions[line_id]
            if line.state is not BankLineState.PROPOSED:
                raise Conflict(DECIDED)
            await _apply(actor, fund, statement, line, decision, now)
    return statement


async def _apply(
    actor: Actor,
    fund: Fund,
    statement: BankStatement,
    line: BankLine,
    decision: dict[str, Any],
    now: datetime,
) -> None:
    before = {"state": line.state.value, "proposed_donor": line.proposed_donor}
    changes: dict[str, Any] = {"decided_by_id": actor.user_id, "decided_at": now}
    if decision["action"] == "ignore":
        changes.update(state=BankLineState.IGNORED, note=decision["note"])
        action = "bank_ignore"
    else:
        donor = decision["donor"]
        donation = await service.record_donation(
            actor,
            DonationIn(
                level=fund.level,
                commune_id=fund.commune_id,
                channel=Channel.BANK_TRANSFER,
                amount=line.credit,
                received_on=line.booked_on,
                donor_name=donor,
                named_publicly=decision["named"] and bool(donor),
                reference=(line.txn_ref or "")[:100],
                note=f"{statement.bank} {statement.account_number}: {line.description}"[:1000],
            ),
        )
        changes.update(state=BankLineState.RECORDED, donation_id=donation.id)
        action = "bank_confirm" if donor == line.proposed_donor else "bank_edit"
    done = await BankLine.filter(id=line.id, state=BankLineState.PROPOSED).update(**changes)
    if not done:
        raise Conflict(DECIDED)
    after = {
        "state": changes["state"].value,
        "donation_id": changes.get("donation_id"),
        "donor_name": decision["donor"] if action != "bank_ignore" else None,
        "note": changes.get("note"),
        "statement_id": statement.id,
        "credit": line.credit,
    }
    await audit.record(
        actor,
        action,
        "bank_line",
        line.id,
        commune_id=statement.commune_id,
        before=before,
        after=after,
        reason=decision["note"] or None,
    )
