"""A synthetic province at the scale of the 2024-25 national campaign, as rows to bulk insert.

Every row keeps the model's rules: the commune and hamlet stored on counted rows are those of
the household, search keys come from relief.core.text, enums are valid, money disbursed never
exceeds money pledged (and stays within the first 70 % tranche until completion), house codes
are unique, and stage dates follow the stage machine's path.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache

import ledger_data
import names as N

from relief.core.text import fold, normalize_text
from relief.households.words import tails

SCALE = {
    "hamlets": 1_000,
    "households": 300_000,
    "house_cases": 40_000,
    "damage_assessments": 60_000,
    "contributions": 80_000,
    "aid_visits": 20_000,
}
FULL = dict(SCALE)


def scale(factor: float) -> dict[str, int]:
    """Sets the size of the province to `factor` × the full size (1/10, 1, 3 in `make bench`):
    every table but the hamlets (the province keeps its 1,000: a commune grows denser); the
    ledger's donations and visit allocations follow. Returns the sizes."""
    for key, full in FULL.items():
        SCALE[key] = full if key == "hamlets" else max(1, int(full * factor))
    ledger_data.DONATIONS = max(1, int(ledger_data.FULL_DONATIONS * factor))
    ledger_data.VISIT_ALLOCATIONS = max(1, int(ledger_data.FULL_VISIT_ALLOCATIONS * factor))
    return dict(SCALE)


MATMO = date(2025, 10, 6)  # typhoon No. 11
YAGI = date(2024, 9, 7)  # typhoon No. 3
NEW_PATH = ["proposed", "approved", "started", "foundation_done", "completed", "handed_over"]
REPAIR_PATH = ["proposed", "approved", "started", "thirty_percent_done", "completed"]
REPAIR_PATH.append("handed_over")
DATE_FIELD = {s: f"{s}_on" for s in NEW_PATH[1:] + ["thirty_percent_done", "cancelled"]}
# Share of cases at each stage (paused and cancelled included), summing to 100.
STAGE_MIX = [("proposed", 10), ("approved", 12), ("started", 14), ("middle", 13),
             ("completed", 15), ("handed_over", 26), ("paused", 4), ("cancelled", 6)]  # fmt: skip


# The damage mix as a band and the fact beside it (situations get a plausible band here).
BANDS = {
    "collapsed": ("total", "collapsed"),
    "over_70": ("total", None),
    "from_50_to_70": ("very_heavy", None),
    "from_30_to_50": ("heavy", None),
    "under_30": ("partial", None),
    "roof_lost": ("heavy", "roof_blown_off"),
    "flooded": ("none", "flooded"),
    "landslide_risk": ("partial", "landslide_relocation"),
}


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)


@dataclass
class Commune:
    id: int
    code: str
    name: str
    is_focus: bool
    province_id: int | None = None  # its province (the ledger's funds are the province's)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return lambda k=1: rng.choices(values, weights, k=k)


@cache
def _key(name: str) -> str:
    return fold(name)


def initials(name: str) -> str:
    """As relief.houses.codes.initials: the commune's initials in a house code."""
    return "".join(word[0] for word in fold(name).split()).upper()


def code_prefixes(communes: list[Commune]) -> dict[int, str]:
    """As relief.houses.codes.code_prefix: initials, plus the code when two communes share them."""
    counts: dict[str, int] = {}
    for c in communes:
        counts[initials(c.name)] = counts.get(initials(c.name), 0) + 1
    return {
        c.id: initials(c.name) + (c.code if counts[initials(c.name)] > 1 else "") for c in communes
    }


class Generator:
    def __init__(self, communes, hamlets, first_ids: dict[str, int], seed: int = 2025) -> None:
        self.rng = random.Random(seed)
        self.communes = communes
        self.hamlets = list(hamlets)  # (id, commune_id, name_key)
        self.next_id = dict(first_ids)
        self.now = datetime(2025, 12, 1, 2, 0, tzinfo=UTC)
        self.today = date.today()
        self.tables: dict[str, Table] = {}

    def _ids(self, table: str, n: int) -> range:
        start = self.next_id.get(table, 1)
        self.next_id[table] = start + n
        return range(start, start + n)

    def _table(self, name: str, columns: str) -> Table:
        self.tables[name] = Table(tuple(columns.split()))
        return self.tables[name]

    def _stamp(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 1, 30, tzinfo=UTC) + timedelta(
            minutes=self.rng.randrange(600)
        )

    def run(self) -> dict[str, Table]:
        self.disasters()
        self.sponsors()
        self.more_hamlets()
        self.households()
        self.damage()
        self.aid()
        self.house_cases()
        ledger_data.add(self)  # the Front's funds, donations and allocations
        return self.tables

    def disasters(self) -> None:
        t = self._table("disaster", "id name kind starts_on ends_on description created_at")
        ids = self._ids("disaster", 2)
        t.rows.append((ids[0], "Bão số 11 (Matmo)", "typhoon", MATMO, MATMO + timedelta(days=1),
                       "Mưa 250–400 mm ngày 6–7/10/2025.", self.now))  # fmt: skip
        t.rows.append((ids[1], "Bão số 3 (Yagi)", "typhoon", YAGI, YAGI + timedelta(days=3),
                       "Lũ lịch sử trên sông Cầu tháng 9/2024.", self.now))  # fmt: skip
        self.matmo, self.yagi = ids

    def sponsors(self) -> None:
        t = self._table("sponsor", "id name name_key kind contact_person phone email created_at "
                        "version")  # fmt: skip
        seen: set[str] = set()
        for stem_kind, stem in N.SPONSOR_STEMS:
            for word in N.SPONSOR_WORDS:
                name = normalize_text(stem.format(word))
                if _key(name) not in seen:
                    seen.add(_key(name))
                    t.rows.append((0, name, _key(name), stem_kind, "", "", "", self.now, 1))
        ids = self._ids("sponsor", len(t.rows))
        t.rows = [(i, *row[1:]) for i, row in zip(ids, t.rows, strict=True)]
        self.sponsor_ids = list(ids)

    def more_hamlets(self) -> None:
        """Hamlets up to 1,000 in all, spread over every commune, names unique per commune."""
        t = self._table("hamlet", "id commune_id name name_key kind is_example")
        kind = _weighted(self.rng, N.HAMLET_KINDS)
        taken = {(c, k) for _, c, k in self.hamlets}
        missing = SCALE["hamlets"] - len(self.hamlets)
        ids = self._ids("hamlet", missing)
        for n, hamlet_id in enumerate(ids):
            commune = self.communes[n % len(self.communes)]
            while True:
                name = normalize_text(
                    f"{self.rng.choice(N.HAMLET_FIRST)} {self.rng.choice(N.HAMLET_SECOND)}"
                )
                if (commune.id, _key(name)) not in taken:
                    break
            taken.add((commune.id, _key(name)))
            t.rows.append((hamlet_id, commune.id, name, _key(name), kind()[0], True))
            self.hamlets.append((hamlet_id, commune.id, _key(name)))

    def households(self) -> None:
        rng = self.rng
        t = self._table(
            "household",
            "id commune_id hamlet_id head_name head_name_key gender birth_year id_number phone "
            "members ethnicity poverty_status poverty_year revolutionary_service martyr_family "
            "social_protection especially_hard address_detail archived_at created_at updated_at "
            "version",
        )
        focus = {c.id for c in self.communes if c.is_focus}
        weights = [3 if commune in focus else 1 for _, commune, _ in self.hamlets]
        surname = _weighted(rng, N.SURNAMES)
        male_mid, female_mid = _weighted(rng, N.MIDDLE_MALE), _weighted(rng, N.MIDDLE_FEMALE)
        ethnicity = _weighted(rng, N.ETHNICITIES)
        poverty = _weighted(rng, [("poor", 12), ("near_poor", 10), ("none", 78)])
        count = SCALE["households"]
        homes = rng.choices(self.hamlets, weights, k=count)
        self.by_commune: dict[int, list[tuple[int, int]]] = {}
        self.place: dict[int, tuple[int, int]] = {}
        for n, hh_id in enumerate(self._ids("household", count)):
            hamlet_id, commune_id, _ = homes[n]
            male = rng.random() < 0.7
            if male:
                given, middle = rng.choice(N.GIVEN_MALE), male_mid()[0]
            else:
                given, middle = rng.choice(N.GIVEN_FEMALE), female_mid()[0]
            name = f"{surname()[0]} {middle} {given}"
            born = rng.randrange(1940, 2004)
            id_number = None
            if rng.random() < 0.7:  # province 019, century/sex digit, year, serial
                id_number = f"019{(born >= 2000) * 2 + (not male)}{born % 100:02d}{n:06d}"
            phone = f"09{n:08d}" if rng.random() < 0.6 else None
            status = poverty()[0]
            t.rows.append((
                hh_id, commune_id, hamlet_id, name, _key(name), "male" if male else "female",
                born, id_number, phone, rng.randrange(1, 9), ethnicity()[0], status,
                2025 if status != "none" else None, rng.random() < 0.03, rng.random() < 0.02,
                rng.random() < 0.08, rng.random() < 0.04, "", None, self.now, self.now, 1,
            ))  # fmt: skip
            self.by_commune.setdefault(commune_id, []).append((hh_id, hamlet_id))
            self.place[hh_id] = (commune_id, hamlet_id)
        self.household_ids = [row[0] for row in t.rows]
        # The search's words of each name (relief.households.words), as the app keeps them.
        w = self._table("household_word", "id household_id commune_id tail")
        kept = [(row[0], row[1], tail) for row in t.rows for tail in tails(row[4])]
        w.rows = [(i, *r) for i, r in zip(self._ids("household_word", len(kept)), kept,
                                            strict=True)]  # fmt: skip

    # The situations of the old one-list damage, as bands and facts (migration 0009).
    def damage(self) -> None:
        rng = self.rng
        t = self._table(
            "damage_assessment",
            "id household_id disaster_id commune_id hamlet_id band collapsed flooded "
            "roof_blown_off landslide_relocation relocated relocated_on dead missing injured "
            "estimated_loss needs assessed_on assessed_by created_at updated_at version",
        )
        level = _weighted(rng, [("collapsed", 4), ("over_70", 6), ("from_50_to_70", 10),
                                ("from_30_to_50", 14), ("under_30", 22), ("roof_lost", 18),
                                ("flooded", 22), ("landslide_risk", 4)])  # fmt: skip
        total = SCALE["damage_assessments"]
        hit = rng.sample(self.household_ids, total)
        self.damaged = hit[: total * 5 // 6]
        plan = [(h, self.matmo, MATMO) for h in self.damaged]
        plan += [(h, self.yagi, YAGI) for h in hit[total * 5 // 6 :]]
        for da_id, (hh, disaster, day) in zip(self._ids("damage_assessment", total), plan,
                                              strict=True):  # fmt: skip
            commune_id, hamlet_id = self.place[hh]
            lvl = level()[0]
            band, fact = BANDS[lvl]
            relocated = lvl in ("collapsed", "landslide_risk") and rng.random() < 0.6
            assessed = day + timedelta(days=rng.randrange(2, 20))
            needs = rng.sample(N.NEEDS, rng.randrange(1, 4))
            t.rows.append((
                da_id, hh, disaster, commune_id, hamlet_id, band, fact == "collapsed",
                fact == "flooded", fact == "roof_blown_off", fact == "landslide_relocation",
                relocated, assessed if relocated else None, 0, 0,
                int(band == "total" and rng.random() < 0.1), rng.randrange(0, 300) * 1_000_000,
                json.dumps(needs), assessed, "Tổ công tác xã", self.now, self.now, 1,
            ))  # fmt: skip

    def aid(self) -> None:
        rng = self.rng
        visits = self._table(
            "aid_visit",
            "id commune_id disaster_id visited_on delegation leader notes created_at updated_at "
            "version",
        )
        gifts = self._table(
            "aid_given", "id visit_id household_id commune_id hamlet_id cash goods goods_value"
        )
        gift_ids = iter(range(self.next_id.get("aid_given", 1), 10**9))
        for visit_id in self._ids("aid_visit", SCALE["aid_visits"]):
            commune = rng.choice(self.communes)
            day = MATMO + timedelta(days=rng.randrange(1, 120))
            delegation = rng.choice(N.DELEGATIONS).format(commune.name)
            visits.rows.append((visit_id, commune.id, self.matmo, day, delegation, "",
                                "Thăm hỏi, tặng quà các hộ bị thiệt hại.", self.now, self.now,
                                1))  # fmt: skip
            homes = self.by_commune.get(commune.id, [])
            for hh, hamlet_id in rng.sample(homes, min(len(homes), rng.randrange(1, 6))):
                goods = rng.choice(N.GOODS)
                gifts.rows.append((next(gift_ids), visit_id, hh, commune.id, hamlet_id,
                                   rng.choice((0, 1, 2, 5)) * 1_000_000, goods,
                                   500_000 if goods else 0))  # fmt: skip
        self.next_id["aid_given"] = next(gift_ids)

    def _dates(self, path: list[str], upto: int, start: date) -> dict[str, date]:
        """Dates of each stage reached along the path, 5 to 40 days apart, never in the future."""
        out, day = {"proposed": start}, start
        for stage in path[1 : upto + 1]:
            day = min(day + timedelta(days=self.rng.randrange(5, 40)), self.today)
            out[stage] = day
        return out

    def house_cases(self) -> None:
        rng = self.rng
        cases = self._table(
            "house_case",
            "id code year seq household_id commune_id hamlet_id disaster_id handover_id "
            "programme kind area_m2 hard_foundation hard_frame hard_roof estimated_cost stage "
            "stage_on paused_from proposed_on approved_on started_on foundation_done_on "
            "thirty_percent_done_on completed_on handed_over_on cancelled_on cancel_reason notes "
            "created_at updated_at version",
        )
        events = self._table(
            "stage_event", "id house_case_id commune_id from_stage to_stage on by_id at reason"
        )
        handovers = self._table(
            "handover", "id commune_id hamlet_id held_on place organisers notes created_at"
        )
        total = SCALE["house_cases"]
        damaged = set(self.damaged)
        others = [h for h in self.household_ids if h not in damaged]
        owners = rng.sample(self.damaged, total * 3 // 4)
        owners += rng.sample(others, total - len(owners))
        stage_pick = _weighted(rng, STAGE_MIX)
        programme = _weighted(rng, [("great_solidarity", 40), ("temporary_house", 25),
                                    ("revolutionary_service", 10),
                                    ("disaster_recovery", 25)])  # fmt: skip
        prefixes = code_prefixes(self.communes)
        seqs: dict[tuple[int, int], int] = {}
        handover_of: dict[tuple[int, date], int] = {}
        event_ids = iter(range(self.next_id.get("stage_event", 1), 10**9))
        self.case_info: list[tuple[int, int, str, str]] = []  # id, commune, kind, stage
        for case_id, hh in zip(self._ids("house_case", total), owners, strict=True):
            commune_id, hamlet_id = self.place[hh]
            kind = "new_build" if rng.random() < 0.65 else "repair"
            path = NEW_PATH if kind == "new_build" else REPAIR_PATH
            target = stage_pick()[0]
            start = MATMO + timedelta(days=rng.randrange(2, 170))
            reached = {"middle": 3, "paused": rng.randrange(2, 4)}.get(target)
            if target == "cancelled":
                reached = rng.randrange(0, 5)
            if reached is None:
                reached = path.index(target)
            dates = self._dates(path, reached, start)
            stage, stage_on = path[reached], dates[path[reached]]
            paused_from = cancel_reason = None
            moves = [(None, "proposed", start, None)]
            moves += [(path[i - 1], path[i], dates[path[i]], None) for i in range(1, reached + 1)]
            if target in ("paused", "cancelled"):
                off = min(stage_on + timedelta(days=rng.randrange(3, 30)), self.today)
                paused_from = stage if target == "paused" else None
                reasons = N.PAUSE_REASONS if target == "paused" else N.CANCEL_REASONS
                cancel_reason = rng.choice(reasons) if target == "cancelled" else None
                moves.append((stage, target, off, rng.choice(reasons)))
                stage, stage_on = target, off
            year = start.year
            seq = seqs[(commune_id, year)] = seqs.get((commune_id, year), 0) + 1
            handover_id = None
            if stage == "handed_over":
                key = (commune_id, stage_on)
                if key not in handover_of:
                    handover_of[key] = self._ids("handover", 1)[0]
                    handovers.rows.append((handover_of[key], commune_id, None, stage_on,
                                           "Nhà văn hoá xã", "UBND xã, Ủy ban MTTQ xã", "",
                                           self._stamp(stage_on)))  # fmt: skip
                handover_id = handover_of[key]
            built = reached >= 3 and kind == "new_build"
            cost = (60 if kind == "new_build" else 30) * 1_000_000
            date_cols = [dates.get(s) for s in NEW_PATH[1:4]]
            date_cols += [
                dates.get("thirty_percent_done"),
                dates.get("completed"),
                dates.get("handed_over"),
                stage_on if target == "cancelled" else None,
            ]
            cases.rows.append((
                case_id, f"{prefixes[commune_id]}-{year}-{seq:04d}", year, seq, hh, commune_id,
                hamlet_id, self.matmo if hh in damaged else None, handover_id, programme()[0],
                kind, Decimal(rng.choice(("32.00", "36.00", "40.00", "45.50")) if kind ==
                "new_build" else "24.00"), built, built, built, cost, stage, stage_on,
                paused_from, start, *date_cols, cancel_reason, "", self._stamp(start),
                self._stamp(stage_on), len(moves),
            ))  # fmt: skip
            for frm, to, on, reason in moves:
                events.rows.append((next(event_ids), case_id, commune_id, frm, to, on, None,
                                    self._stamp(on), reason))  # fmt: skip
            self.case_info.append((case_id, commune_id, kind, stage, paused_from))
        self.next_id["stage_event"] = next(event_ids)
        self.contributions()

    def contributions(self) -> None:
        rng = self.rng
        t = self._table(
            "contribution",
            "id house_case_id commune_id source sponsor_id amount_pledged amount_disbursed "
            "tranche labour_days note created_at updated_at version",
        )
        source = _weighted(rng, [("state_budget", 35), ("sponsor", 30), ("fund_for_the_poor",
                                 15), ("household", 10), ("policy_bank_loan", 5),
                                 ("labour_days", 5)])  # fmt: skip
        per_case = [1] * len(self.case_info)
        for i in rng.choices(range(len(per_case)), k=SCALE["contributions"] - len(per_case)):
            per_case[i] += 1
        ids = iter(self._ids("contribution", SCALE["contributions"]))
        for (case_id, commune_id, _kind, stage, paused_from), n in zip(self.case_info, per_case,
                                                                        strict=True):  # fmt: skip
            done = paused_from or stage
            for _ in range(n):
                src = source()[0]
                pledged = rng.randrange(5, 41) * 1_000_000 if src != "labour_days" else 0
                if done in ("completed", "handed_over"):
                    disbursed, tranche = pledged, "whole"
                elif done in ("foundation_done", "thirty_percent_done"):
                    disbursed, tranche = pledged * 7 // 10, "first"
                else:
                    disbursed, tranche = 0, "whole"
                t.rows.append((
                    next(ids), case_id, commune_id, src,
                    rng.choice(self.sponsor_ids) if src == "sponsor" else None, pledged,
                    disbursed, tranche, rng.randrange(20, 120) if src == "labour_days" else 0,
                    "", self.now, self.now, 1,
                ))  # fmt: skip
