"""Deterministic demo data: typhoon No. 11 in the 13 north-eastern communes of Thái Nguyên."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tortoise.transactions import in_transaction

from relief.accounts import service as accounts
from relief.accounts.auth import actor_of
from relief.accounts.models import User
from relief.accounts.passwords import new_password
from relief.aid.models import AidGiven, AidVisit
from relief.beneficiaries.models import Decision
from relief.core import audit
from relief.core.actor import SYSTEM, Actor
from relief.core.formatting import local_today
from relief.core.text import fold, normalize_text
from relief.households.models import (
    DamageAssessment,
    DamageBand,
    Disaster,
    DisasterKind,
    Gender,
    HouseClass,
    Household,
    PovertyStatus,
)
from relief.houses import demo_photos, eligibility
from relief.houses.codes import code_prefix, house_code
from relief.houses.models import (
    Contribution,
    EligibilityOverride,
    FundingSource,
    Handover,
    HouseCase,
    HouseKind,
    Programme,
    Stage,
    StageEvent,
    Tranche,
)
from relief.houses.stage_minutes import MINUTES_STAGES
from relief.ledger import kept as kept_books
from relief.ledger.demo import load_bank_demo, load_ledger_demo
from relief.places.models import Commune, Hamlet
from relief.reports import kept
from relief.sponsors.models import Pledge, Sponsor, SponsorKind
from relief.vouchers import demo as rounds_demo

SEED = 20251007
THAN_SA = "05725"
SURNAMES = [
    "Hoàng",
    "Nông",
    "Lường",
    "Triệu",
    "Nguyễn",
    "Lý",
    "Ma",
    "Đàm",
    "Lục",
    "Dương",
    "Bàn",
    "Trần",
]
MALE = [
    "Văn Thắng",
    "Văn Tuấn",
    "Đức Hòa",
    "Văn Sơn",
    "Văn Dũng",
    "Văn Chiến",
    "Minh Hùng",
    "Văn Quý",
    "Văn Thủy",
    "Đình Khoa",
]
FEMALE = [
    "Thị Hoa",
    "Thị Lan",
    "Thị Mai",
    "Thị Nga",
    "Thị Thảo",
    "Thị Hòa",
    "Thị Huyền",
    "Thị Xuân",
    "Thị Lụa",
    "Thị Thoa",
]
ETHNIC = ["Tày", "Nùng", "Dao", "Kinh", "Sán Chay", "Mông"]
# Damage profiles cycled over the assessed households: the band, the facts counted apart from
# it (a flooded house can also be heavily damaged), the estimated loss and the needs.
D = DamageBand
DAMAGE_PROFILES: list[dict] = [
    {"band": D.TOTAL, "collapsed": True, "loss": 250_000_000, "needs": ["rebuild", "cash", "food"]},
    {"band": D.TOTAL, "loss": 180_000_000, "needs": ["rebuild", "cash"]},
    {"band": D.VERY_HEAVY, "flooded": True, "loss": 120_000_000, "needs": ["repair", "cash"]},
    {"band": D.HEAVY, "flooded": True, "loss": 70_000_000, "needs": ["repair"]},
    {
        "band": D.PARTIAL,
        "roof_blown_off": True,
        "loss": 40_000_000,
        "needs": ["repair", "materials"],
    },
    {"band": D.PARTIAL, "loss": 25_000_000, "needs": ["repair"]},
    {"band": D.NONE, "flooded": True, "loss": 15_000_000, "needs": ["food", "cash"]},
    {"band": D.HEAVY, "landslide_relocation": True, "loss": 60_000_000, "needs": ["relocation"]},
]
HOUSE_CLASS_WEIGHTS = {
    HouseClass.SOLID: 2,
    HouseClass.SEMI_SOLID: 5,
    HouseClass.LESS_SOLID: 3,
    HouseClass.SIMPLE: 2,
}


async def _quick_reports(communes, disaster) -> None:
    """The quick reports' history on the law's clock (relief.disaster_reports.demo)."""
    from relief.disaster_reports.demo import load_reports

    codes = {c.code for c in communes}
    commune, province = await _actor("thansa"), await _actor("tinh")
    await load_reports(disaster, codes, commune, SYSTEM, province)


async def _campaign_weeks(communes) -> None:
    """Last week's campaign figures, submitted by Thần Sa and Võ Nhai, waiting for the
    province's answer (relief.reports.campaign)."""
    from relief.reports import campaign

    last_week = local_today() - timedelta(days=7)
    for commune in communes:
        if commune.code == THAN_SA:
            await campaign.submit(await _actor("thansa"), commune, last_week)
        elif commune.code == "05716":
            await campaign.submit(SYSTEM, commune, last_week)


# Stage reached by the demo house cases, cycled so that every stage appears.
STAGE_CYCLE = [
    Stage.PROPOSED,
    Stage.APPROVED,
    Stage.STARTED,
    Stage.FOUNDATION_DONE,
    Stage.COMPLETED,
    Stage.HANDED_OVER,
    Stage.PAUSED,
    Stage.CANCELLED,
    Stage.STARTED,
    Stage.COMPLETED,
]
SPONSORS = [
    ("Công ty CP Đầu tư Xây dựng Khai khoáng Thăng Long", SponsorKind.COMPANY, "Nguyễn Văn Long"),
    ("Báo Xây dựng", SponsorKind.NEWSPAPER, "Trần Thị Hạnh"),
    ("Tập đoàn Xăng dầu Việt Nam (Petrolimex)", SponsorKind.COMPANY, "Phạm Minh Đức"),
    ("Quỹ Vì người nghèo tỉnh Thái Nguyên", SponsorKind.FUND_FOR_THE_POOR, "Đỗ Thị Thu"),
    ("Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên", SponsorKind.MASS_ORGANISATION, "Lê Văn Bình"),
]
THAI_NGUYEN = "19"
# (username, role, full name, commune, sponsor, province)
DEMO_USERS = [
    ("admin", "admin", "Quản trị hệ thống", None, None, None),
    ("tinh", "province", "Cán bộ tỉnh Thái Nguyên", None, None, THAI_NGUYEN),
    ("thansa", "commune", "Cán bộ xã Thần Sa", THAN_SA, None, None),
    ("baoxaydung", "sponsor", "Báo Xây dựng", None, "Báo Xây dựng", None),
    ("mttq.thansa", "front", "Ủy ban MTTQ Việt Nam xã Thần Sa", THAN_SA, None, None),
    # The national readers: every province, no writes.
    ("bo.pctt", "ministry", "Văn phòng thường trực phòng chống thiên tai (Bộ)", None, None, None),
    ("mttq.trunguong", "central_front", "Ủy ban Trung ương MTTQ Việt Nam", None, None, None),
]
# A second province, so the national dashboard shows two: Lạng Sơn (20), whose communes come
# from `vietnam-provinces`; the demo records a few households of Cai Kinh (the former Yên
# Vượng, Hữu Lũng district) hit by the same typhoon, in two invented hamlets.
LANG_SON, CAI_KINH = "20", "06427"
CAI_KINH_HAMLETS = ("Na Hoa", "Đồng Bến")


@dataclass
class DemoResult:
    loaded: bool
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, role, password)


def _id_number(rng: random.Random, birth_year: int, gender: Gender) -> str:
    century = 0 if birth_year < 2000 else 2
    sex = 0 if gender is Gender.MALE else 1
    return f"019{century + sex}{birth_year % 100:02d}{rng.randrange(10**6):06d}"


def demo_media_dir() -> Path | None:
    """Where the app keeps photos, when the environment says so (the CLI and the live server).

    Without RELIEF_MEDIA_DIR or RELIEF_VAR_DIR the demo writes no files (tests, one-off loads).
    """
    if os.environ.get("RELIEF_MEDIA_DIR"):
        return Path(os.environ["RELIEF_MEDIA_DIR"]).resolve()
    if os.environ.get("RELIEF_VAR_DIR"):
        return (Path(os.environ["RELIEF_VAR_DIR"]) / "media").resolve()
    return None


async def load_demo(media_dir: Path | None = None) -> DemoResult:
    """Loads the demo into a database that has places but no households; otherwise nothing.

    With a media directory (given, or from the environment), every completed or handed-over
    house gets a small photo of the finished house, as the stage machine requires.
    """
    media_dir = media_dir or demo_media_dir()
    if await Household.exists():
        return DemoResult(loaded=False)
    rng = random.Random(SEED)
    communes = list(await Commune.filter(is_focus=True).order_by("code"))
    hamlets: dict[int, list[Hamlet]] = {}
    for hamlet in await Hamlet.filter(commune_id__in=[c.id for c in communes]).order_by("id"):
        hamlets.setdefault(hamlet.commune_id, []).append(hamlet)
    result = DemoResult(loaded=True)
    async with in_transaction():
        disaster = await Disaster.create(
            name="Bão số 11 (Matmo)",
            kind=DisasterKind.TYPHOON,
            starts_on=date(2025, 10, 6),
            ends_on=date(2025, 10, 7),
            description="Mưa 250–400 mm ngày 6–7/10/2025; sông Cầu vượt báo động III 2,9 m.",
        )
        sponsors = []
        for name, kind, contact in SPONSORS:
            sponsors.append(
                await Sponsor.create(
                    name=name,
                    name_key=fold(name),
                    kind=kind,
                    contact_person=contact,
                    phone=f"0912{rng.randrange(10**6):06d}",
                    email="",
                )
            )
        thang_long, xay_dung, petrolimex, fund, _front = sponsors
        than_sa = next(c for c in communes if c.code == THAN_SA)
        # The accounts first: Thần Sa's officer writes its rounds through the services.
        result.logins = await _users()
        await Pledge.create(
            sponsor=thang_long,
            commune=than_sa,
            houses=5,
            amount=300_000_000,
            pledged_on=date(2025, 10, 20),
        )
        await Pledge.create(
            sponsor=xay_dung,
            commune=than_sa,
            houses=3,
            amount=150_000_000,
            pledged_on=date(2025, 10, 20),
        )
        await Pledge.create(
            sponsor=petrolimex,
            commune=None,
            houses=10,
            amount=500_000_000,
            pledged_on=date(2025, 10, 25),
            note="Gồm các xã vùng Võ Nhai",
        )
        await Pledge.create(
            sponsor=fund,
            commune=None,
            houses=20,
            amount=1_200_000_000,
            pledged_on=date(2025, 10, 17),
        )

        households: list[Household] = []
        for commune in communes:
            count = 40 if commune.code == THAN_SA else 13
            for i in range(count):
                hamlet = hamlets[commune.id][i % len(hamlets[commune.id])]
                gender = Gender.MALE if rng.random() < 0.7 else Gender.FEMALE
                given = rng.choice(MALE if gender is Gender.MALE else FEMALE)
                name = normalize_text(f"{rng.choice(SURNAMES)} {given}")
                birth_year = rng.randint(1945, 2003)
                poverty = rng.choices(list(PovertyStatus), weights=[3, 2, 5])[0]
                households.append(
                    await Household.create(
                        commune=commune,
                        hamlet=hamlet,
                        head_name=name,
                        head_name_key=fold(name),
                        gender=gender,
                        birth_year=birth_year,
                        id_number=_id_number(rng, birth_year, gender)
                        if rng.random() < 0.85
                        else None,
                        phone=f"09{rng.randrange(10**8):08d}" if rng.random() < 0.7 else None,
                        members=rng.randint(1, 8),
                        ethnicity=rng.choice(ETHNIC),
                        poverty_status=poverty,
                        poverty_year=2025 if poverty is not PovertyStatus.NONE else None,
                        revolutionary_service=rng.random() < 0.08,
                        martyr_family=rng.random() < 0.04,
                        social_protection=rng.random() < 0.15,
                        especially_hard=rng.random() < 0.1,
                        address_detail=f"Thôn {hamlet.name}",
                    )
                )
        for n, household in enumerate(households):
            if n % 10 == 9:
                continue  # some households are registered but not yet assessed
            profile = DAMAGE_PROFILES[n % len(DAMAGE_PROFILES)]
            band = profile["band"]
            relocated = (
                bool(profile.get("collapsed") or profile.get("landslide_relocation")) and n % 3 != 0
            )
            flooded = bool(profile.get("flooded"))
            await DamageAssessment.create(
                household=household,
                disaster=disaster,
                commune_id=household.commune_id,
                hamlet_id=household.hamlet_id,
                house_class=rng.choices(
                    list(HOUSE_CLASS_WEIGHTS), weights=list(HOUSE_CLASS_WEIGHTS.values())
                )[0],
                band=band,
                collapsed=bool(profile.get("collapsed")),
                flooded=flooded,
                flood_depth_cm=rng.randrange(30, 250, 10) if flooded else None,
                roof_blown_off=bool(profile.get("roof_blown_off")),
                landslide_relocation=bool(profile.get("landslide_relocation")),
                relocated=relocated,
                relocated_on=date(2025, 10, 7) if relocated else None,
                injured=1 if band is DamageBand.TOTAL and n % 4 == 0 else 0,
                dead=1 if n == 40 else 0,
                estimated_loss=profile["loss"],
                needs=profile["needs"],
                assessed_on=date(2025, 10, 9) + timedelta(days=n % 5),
                assessed_by="Tổ công tác xã",
            )
        await _quick_reports(communes, disaster)
        await _visits(rng, communes, households, disaster)
        kim_son = next(h for h in hamlets[than_sa.id] if h.name == "Kim Sơn")
        plans = await _plan_cases(households, disaster, kim_son)
        officer = await _actor("thansa")
        rounds = await rounds_demo.decide_rounds(
            officer,
            communes,
            [p.candidate for p in plans],
            [h for h in households if h.commune_id == than_sa.id],
            disaster.id,
        )
        overridden = await _house_cases(plans, rounds.decisions, communes, disaster, sponsors)
        await _overrides_approved(overridden)
        if media_dir is not None:
            await demo_photos.photograph_finished_houses(media_dir)
        if rounds.complete is not None:
            await rounds_demo.pay_and_settle(officer, rounds.complete, media_dir)
        await load_ledger_demo()
        await load_bank_demo()
        await _second_province(rng, disaster)
        await kept.rebuild()  # the demo is written in bulk, around the services
        await kept_books.rebuild()
        await _campaign_weeks(communes)
        await audit.record(SYSTEM, "load", "demo", after={"households": len(households)})
    return result


async def _users() -> list[tuple[str, str, str]]:
    """The demo's accounts, one per role, each with a new password: (username, role, password)."""
    logins = []
    for username, role, full_name, commune_code, sponsor_name, province in DEMO_USERS:
        password = new_password()
        await accounts.create_user(
            SYSTEM,
            username,
            password,
            role,
            full_name=full_name,
            commune_code=commune_code,
            sponsor_name=sponsor_name,
            province_code=province,
        )
        logins.append((username, role, password))
    return logins


async def _second_province(rng: random.Random, disaster: Disaster) -> None:
    """Lạng Sơn's communes, and in Cai Kinh eight households with their damage and two
    houses proposed (written in bulk, as the rest of the demo)."""
    from relief.places.loader import load_country

    await load_country([LANG_SON])
    commune = await Commune.get(code=CAI_KINH)
    hamlets = [
        (
            await Hamlet.get_or_create(
                commune=commune, name_key=fold(name), defaults={"name": name, "is_example": True}
            )
        )[0]
        for name in CAI_KINH_HAMLETS
    ]
    households = []
    for i in range(8):
        hamlet = hamlets[i % len(hamlets)]
        gender = Gender.MALE if i % 3 else Gender.FEMALE
        name = normalize_text(
            f"{rng.choice(SURNAMES)} {rng.choice(MALE if gender is Gender.MALE else FEMALE)}"
        )
        households.append(
            await Household.create(
                commune=commune,
                hamlet=hamlet,
                head_name=name,
                head_name_key=fold(name),
                gender=gender,
                birth_year=rng.randint(1950, 1995),
                members=rng.randint(2, 7),
                ethnicity=rng.choice(ETHNIC),
                address_detail=f"Thôn {hamlet.name}",
            )
        )
    for n, household in enumerate(households):
        profile = DAMAGE_PROFILES[n % len(DAMAGE_PROFILES)]
        await DamageAssessment.create(
            household=household,
            disaster=disaster,
            commune_id=commune.id,
            hamlet_id=household.hamlet_id,
            band=profile["band"],
            collapsed=bool(profile.get("collapsed")),
            flooded=bool(profile.get("flooded")),
            roof_blown_off=bool(profile.get("roof_blown_off")),
            landslide_relocation=bool(profile.get("landslide_relocation")),
            estimated_loss=profile["loss"],
            needs=profile["needs"],
            assessed_on=date(2025, 10, 10),
            assessed_by="Tổ công tác xã",
        )
    prefix = await code_prefix(commune)
    for seq, household in enumerate(households[:2], start=1):
        case = await HouseCase.create(
            code=house_code(prefix, 2025, seq),
            year=2025,
            seq=seq,
            household=household,
            commune_id=commune.id,
            hamlet_id=household.hamlet_id,
            disaster=disaster,
            programme=Programme.GREAT_SOLIDARITY,
            kind=HouseKind.NEW_BUILD,
            area_m2=36,
            stage=Stage.PROPOSED,
            stage_on=date(2025, 10, 20),
            proposed_on=date(2025, 10, 20),
        )
        await StageEvent.create(
            house_case=case,
            commune_id=commune.id,
            from_stage=None,
            to_stage=Stage.PROPOSED,
            on=date(2025, 10, 20),
        )


async def _actor(username: str) -> Actor:
    """A demo account acting as it would once logged in."""
    return actor_of(await User.get(username=username), None)


async def _visits(rng, communes, households, disaster) -> None:
    by_commune: dict[int, list[Household]] = {}
    for h in households:
        by_commune.setdefault(h.commune_id, []).append(h)
    for commune in communes:
        visits = [
            (
                date(2025, 10, 9),
                f"Đoàn công tác UBND xã {commune.name}",
                f"Chủ tịch UBND xã {commune.name}",
            )
        ]
        if commune.code == THAN_SA:
            visits.append(
                (date(2025, 10, 11), "Đoàn công tác Tỉnh ủy Thái Nguyên", "Bí thư Tỉnh ủy")
            )
        for visited_on, delegation, leader in visits:
            visit = await AidVisit.create(
                commune=commune,
                disaster=disaster,
                visited_on=visited_on,
                delegation=delegation,
                leader=leader,
                notes="Thăm hỏi, tặng quà các hộ bị thiệt hại.",
            )
            for h in rng.sample(by_commune[commune.id], k=min(8, len(by_commune[commune.id]))):
                await AidGiven.create(
                    visit=visit,
                    household=h,
                    commune_id=h.commune_id,
                    hamlet_id=h.hamlet_id,
                    cash=rng.choice([1_000_000, 2_000_000, 3_000_000, 5_000_000]),
                    goods="Gạo 20 kg, mì tôm, nước uống",
                    goods_value=500_000,
                )


_STAGE_ORDER = [
    Stage.PROPOSED,
    Stage.APPROVED,
    Stage.STARTED,
    Stage.FOUNDATION_DONE,
    Stage.COMPLETED,
    Stage.HANDED_OVER,
]


@dataclass
class _Plan:
    """A demo house case before it is written: whose, what it reaches, under which programme."""

    n: int
    household: Household
    target: Stage
    kind: HouseKind
    programme: Programme
    override: bool
    in_kim_son: bool

    @property
    def cost(self) -> int:
        return 60_000_000 if self.kind is HouseKind.NEW_BUILD else 30_000_000

    @property
    def candidate(self) -> rounds_demo.Candidate:
        """As the rounds see it: every target but "proposed" passed the People's Committee's
        decision; the support pledged is the state's and the sponsor's part of the cost."""
        state, sponsor, _own = _parts(self.cost)
        return rounds_demo.Candidate(
            household=self.household,
            programme=self.programme,
            approved=self.target is not Stage.PROPOSED,
            finished=self.target is Stage.HANDED_OVER,
            support=state + sponsor,
        )


async def _plan_cases(households, disaster, kim_son: Hamlet) -> list[_Plan]:
    """The demo's house cases to be: the households of the first four damage profiles
    (collapsed, >70 %, 50–70 %, 30–50 %), Kim Sơn's first so that the handover there has a
    house to show, each reaching a stage of the cycle."""
    candidates = [h for n, h in enumerate(households) if n % 10 < 4]
    candidates.sort(key=lambda h: (h.hamlet_id != kim_son.id, h.id))
    plans = []
    for n, household in enumerate(candidates):
        in_kim_son = household.hamlet_id == kim_son.id
        target = Stage.HANDED_OVER if in_kim_son and n < 2 else STAGE_CYCLE[n % len(STAGE_CYCLE)]
        if in_kim_son and n >= 2 and target is Stage.HANDED_OVER:
            target = Stage.COMPLETED
        kind = HouseKind.NEW_BUILD if n % 3 else HouseKind.REPAIR
        programme, override = await _programme_for(household, n, disaster.id)
        plans.append(_Plan(n, household, target, kind, programme, override, in_kim_son))
    return plans


async def _house_cases(
    plans: list[_Plan], decisions: dict[int, Decision], communes, disaster, sponsors
) -> list[HouseCase]:
    """The demo's house cases, each approved by its decision (the People's Committee's, on a
    beneficiary list: `decisions` by household) and moved on from that day; returns those
    opened by an override of their programme's conditions."""
    overrides: list[HouseCase] = []
    thang_long, xay_dung, petrolimex, fund, _front = sponsors
    than_sa = next(c for c in communes if c.code == THAN_SA)
    kim_son = next(p.household.hamlet_id for p in plans if p.in_kim_son)
    handover = await Handover.create(
        commune=than_sa,
        hamlet_id=kim_son,
        held_on=date(2025, 12, 20),
        place="Nhà văn hóa thôn Kim Sơn",
        organisers=(
            "Đảng ủy, UBND xã Thần Sa; Công ty CP Đầu tư Xây dựng Khai khoáng Thăng Long; "
            "Báo Xây dựng"
        ),
        notes="Lễ bàn giao nhà Đại đoàn kết, có Bí thư Tỉnh ủy dự.",
    )
    await handover.sponsors.add(thang_long, xay_dung)
    handovers: dict[int, Handover] = {}
    seq: dict[int, int] = {}
    prefixes = {c.id: await code_prefix(c) for c in communes}
    for plan in plans:
        n, household, target, kind = plan.n, plan.household, plan.target, plan.kind
        seq[household.commune_id] = seq.get(household.commune_id, 0) + 1
        proposed = date(2025, 10, 15) + timedelta(days=n % 7)
        case = HouseCase(
            code=house_code(prefixes[household.commune_id], 2025, seq[household.commune_id]),
            year=2025,
            seq=seq[household.commune_id],
            household=household,
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            disaster=disaster,
            programme=plan.programme,
            kind=kind,
            area_m2=36 if kind is HouseKind.NEW_BUILD else 28,
            estimated_cost=plan.cost,
            stage=Stage.PROPOSED,
            stage_on=proposed,
            proposed_on=proposed,
        )
        reached = _STAGE_ORDER.index(target) if target in _STAGE_ORDER else 2
        events: list[tuple[Stage | None, Stage, date, str | None]] = [
            (None, Stage.PROPOSED, proposed, None)
        ]
        on = proposed
        steps = {
            Stage.STARTED: 10,
            Stage.FOUNDATION_DONE: 20,
            Stage.COMPLETED: 25,
        }
        for stage in _STAGE_ORDER[1 : reached + 1]:
            if stage is Stage.APPROVED:  # only through the decision naming the household
                decision = decisions[household.id]
                on = decision.signed_on
                case.approval_decision_id = decision.id
            elif stage is Stage.HANDED_OVER:
                on = handover.held_on
            else:
                on = on + timedelta(days=steps[stage])
            if stage is Stage.FOUNDATION_DONE and kind is HouseKind.REPAIR:
                stage = Stage.THIRTY_PERCENT_DONE
            events.append((events[-1][1], stage, on, None))
            setattr(case, f"{stage.value}_on", on)
        if kind is HouseKind.NEW_BUILD and reached >= _STAGE_ORDER.index(Stage.COMPLETED):
            case.hard_foundation = case.hard_frame = case.hard_roof = True
        if target is Stage.PAUSED:
            events.append(
                (
                    events[-1][1],
                    Stage.PAUSED,
                    on + timedelta(days=3),
                    "Thiếu vật liệu do đường bị sạt lở",
                )
            )
            case.paused_from = events[-2][1]
        if target is Stage.CANCELLED:
            events.append(
                (events[-1][1], Stage.CANCELLED, on + timedelta(days=3), "Hộ chuyển đến ở cùng con")
            )
            case.cancelled_on = events[-1][2]
            case.cancel_reason = events[-1][3] or ""  # the reason just given
        case.stage, case.stage_on = events[-1][1], events[-1][2]
        if case.stage is Stage.HANDED_OVER:
            case.handover = (
                handover if plan.in_kim_son else await _commune_handover(household, handovers)
            )
            case.handed_over_on = case.stage_on = case.handover.held_on
            events[-1] = (events[-1][0], Stage.HANDED_OVER, case.handover.held_on, None)
        await case.save()
        if plan.override:
            overrides.append(case)
        for from_stage, to_stage, day, reason in events:
            signed = to_stage in MINUTES_STAGES  # the money of these stages went out on them
            await StageEvent.create(
                house_case=case,
                commune_id=case.commune_id,
                from_stage=from_stage,
                to_stage=to_stage,
                on=day,
                reason=reason,
                minutes_number=f"{case.seq:02d}/BB-NT" if signed else None,
                minutes_on=day if signed else None,
            )
        if household.commune_id == than_sa.id:
            sponsor = thang_long if n % 2 else xay_dung
        else:
            sponsor = petrolimex if n % 2 else fund
        await _fund(case, reached, sponsor)
    return overrides


OVERRIDE_REASON = (
    "Nhà tạm bị hư hỏng sau bão, hộ không có khả năng tự sửa; họp thôn thống nhất đề nghị hỗ trợ."
)


async def _programme_for(household: Household, n: int, disaster_id: int) -> tuple[Programme, bool]:
    """The demo's programme for a case: disaster recovery for every fourth, else a Great
    Solidarity House; the other of the two if only it admits the household; else the planned
    one, opened by an approved override (docs/domain.md, "Eligibility")."""
    planned = Programme.GREAT_SOLIDARITY if n % 4 else Programme.DISASTER_RECOVERY
    facts = await eligibility.facts_of(household, 2025, disaster_id)
    other = (
        Programme.DISASTER_RECOVERY
        if planned is Programme.GREAT_SOLIDARITY
        else Programme.GREAT_SOLIDARITY
    )
    for programme in (planned, other):
        if eligibility.judge(facts, programme).eligible:
            return programme, False
    return planned, True


async def _overrides_approved(cases: list[HouseCase]) -> None:
    """The overrides that opened these cases: asked for by the commune's officer (Thần Sa's;
    elsewhere by the import of the commune's list) and approved by the administrator, as a
    commune manager."""
    admin = await User.get(username="admin")
    officer = await User.get(username="thansa")
    for case in cases:
        await EligibilityOverride.create(
            household_id=case.household_id,
            commune_id=case.commune_id,
            programme=case.programme,
            reason=OVERRIDE_REASON,
            requested_by_id=officer.id if case.commune_id == officer.commune_id else None,
            approved_by_id=admin.id,
            approved_at=datetime(2025, 10, 14, 2, 0, tzinfo=UTC),
            house_case_id=case.id,
        )


async def _commune_handover(household: Household, handovers: dict[int, Handover]) -> Handover:
    """One handover ceremony per commune for the demo houses handed over outside Kim Sơn."""
    if household.commune_id not in handovers:
        handovers[household.commune_id] = await Handover.create(
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            held_on=date(2026, 1, 15),
            place="Hội trường UBND xã",
            organisers="UBND xã",
        )
    return handovers[household.commune_id]


async def _fund(case: HouseCase, reached: int, sponsor: Sponsor) -> None:
    """State budget, a sponsor and the family; disbursed 70% at foundation, all at completion."""
    share = {0: 0, 1: 0, 2: 0, 3: 70, 4: 100, 5: 100}[reached]
    state, given, own = _parts(case.estimated_cost)
    parts = [
        (FundingSource.STATE_BUDGET, None, state),
        (FundingSource.SPONSOR, sponsor, given),
        (FundingSource.HOUSEHOLD, None, own),
    ]
    for source, who, pledged in parts:
        await Contribution.create(
            house_case=case,
            commune_id=case.commune_id,
            source=source,
            sponsor=who,
            amount_pledged=pledged,
            amount_disbursed=pledged * share // 100,
            tranche=Tranche.WHOLE if share in (0, 100) else Tranche.FIRST,
        )


def _parts(total: int) -> tuple[int, int, int]:
    """A demo house's cost by source: half the state's, four tenths a sponsor's, the rest the
    family's own."""
    return total // 2, total * 4 // 10, total - total // 2 - total * 4 // 10
