"""The public statement's kept lines and total (sao kê): per commune, campaign and year.

Donations are never edited (a mistake is reversed by a new, negative entry), so each donation
and each reversal written adds one line and its amount to its row, in the write's transaction
(`add`); `relief summaries check` compares the rows with a count of the donations
(`differences`) and `rebuild` rewrites them. The statement's heading reads the rows of its
commune and campaign (or year): a few, whatever the number of donations.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from relief.core import counts
from relief.ledger.models import Donation, StatementTotal

Key = tuple[int, int, int]  # commune (0: none), campaign (0: none), year


def _key(commune_id: int | None, campaign_id: int | None, received_on: date) -> Key:
    return (commune_id or 0, campaign_id or 0, received_on.year)


async def add(donation: Donation) -> None:
    """A donation (or a reversal) written: one more line and its amount on its row."""
    commune, campaign, year = _key(donation.commune_id, donation.campaign_id, donation.received_on)
    await counts.add(
        StatementTotal,
        {"commune_key": commune, "campaign_key": campaign, "year": year},
        {"lines": 1, "amount": int(donation.amount)},
    )


async def read(
    commune_id: int | None, campaign_id: int | None, year: int | None
) -> tuple[int, int]:
    """The lines and total of a statement: a commune's funds (None: the funds of no commune),
    of a campaign, else of a year (its donations of any campaign)."""
    qs = StatementTotal.filter(commune_key=commune_id or 0)
    qs = qs.filter(campaign_key=campaign_id) if campaign_id is not None else qs.filter(year=year)
    lines = amount = 0
    for n, total in await qs.values_list("lines", "amount"):
        lines += n
        amount += total
    return lines, amount


async def _count() -> dict[Key, tuple[int, int]]:
    out: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for commune, campaign, day, amount in await Donation.all().values_list(
        "commune_id", "campaign_id", "received_on", "amount"
    ):
        row = out[_key(commune, campaign, day)]
        row[0] += 1
        row[1] += int(amount)
    return {key: (n, total) for key, (n, total) in out.items()}


async def differences() -> list[str]:
    """Each kept row that differs from a count of the donations."""
    kept = {
        (c, k, y): (n, a)
        for c, k, y, n, a in await StatementTotal.all().values_list(
            "commune_key", "campaign_key", "year", "lines", "amount"
        )
    }
    truth = await _count()
    return [
        f"statement total commune {key[0] or '-'} campaign {key[1] or '-'} {key[2]}: "
        f"kept {kept.get(key)}, recount {truth.get(key)}"
        for key in sorted(set(kept) | set(truth))
        if kept.get(key) != truth.get(key)
    ]


async def rebuild() -> None:
    """Rewrites every row from the donations (in the caller's transaction)."""
    await StatementTotal.all().delete()
    await StatementTotal.bulk_create(
        [
            StatementTotal(commune_key=c, campaign_key=k, year=y, lines=n, amount=a)
            for (c, k, y), (n, a) in sorted((await _count()).items())
        ],
        batch_size=500,
    )
