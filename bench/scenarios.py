"""What `make bench` asks of the server (issue 29), and the targets it is judged against.

Reads (target 1 and 2): each page or API read of the issue, one client, the server's CPU per
request from /proc. Writes (target 3): create household, damage record, stage move, allocation.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

# Names as an officer types them on a phone: no accents, whole or in part.
QUERIES = [
    "nguyen van thang", "hoang thi lan", "nong van", "luong van hung", "trieu thi",
    "ly van chien", "ma thi hoa", "dam van", "luc thi huong", "ban van tien", "duong van",
    "tran thi mai", "thi nhung", "van cuong", "la van", "hua thi", "nguyen thi hang",
    "be", "lam van khanh", "chu thi",
]  # fmt: skip
NEW_NAMES = ["Lường Văn Tâm", "Triệu Thị Mẩy", "Nông Văn Pẩu", "Hoàng Thị Dìn", "Ma Văn Sình",
             "Bàn Thị Chuyên", "Đàm Văn Lợi", "Lục Thị Nhất", "Nguyễn Đức Hiệp"]  # fmt: skip
BANDS = ["partial", "heavy", "very_heavy", "total", "none"]


@dataclass
class Facts:
    """What the scenarios need to know about the generated data."""

    commune_codes: list[str]
    officer_commune: str
    officer_hamlets: list[int]
    households: int
    moves: list[tuple[int, str, int]]  # (house case id, stage it may move forward to, version)
    case_households: list[int]  # households with a house case (their page reads its history)
    undamaged: list[int]  # the officer commune's households without a Matmo assessment
    matmo: int
    province_fund: int
    visits: list[int]


@dataclass
class Read:
    key: str
    label: str
    auth: str  # "page:<username>", "token:<role>" or "anonymous"
    path: object  # a function of the request's number, or a path


@dataclass
class Write:
    key: str
    label: str
    auth: str
    make: object  # a function of the request's number: (method, path, body)
    ok: set[int]
    limit: int  # at most this many (the rows it needs)


def reads(f: Facts) -> list[Read]:
    codes = f.commune_codes
    officer, cases = f.officer_commune, f.case_households

    def household(i: int) -> str:
        return f"/households/{cases[(i * 7919) % len(cases)]}"

    def search(i: int) -> str:
        return f"/api/v1/households?q={quote(QUERIES[i % len(QUERIES)])}"

    def commune(i: int) -> str:
        return codes[(i * 37) % len(codes)]

    return [
        Read("list_commune", "Household list, commune officer (GET /households)",
             "page:bench_commune", lambda i: f"/households?page={i % 5 + 1}"),
        Read("list_province", "Household list, province (GET /households)",
             "page:bench_province", lambda i: f"/households?page={i % 5 + 1}"),
        Read("search", "Search without accents, commune (GET /api/v1/households?q=)",
             "token:commune", search),
        Read("search_province", "Search without accents, province (GET /api/v1/households?q=)",
             "token:province", search),
        Read("household_page", "Household page with a house case (GET /households/{id})",
             "page:bench_province", household),
        Read("dashboard", "Province dashboard (GET /reports)", "page:bench_province",
             lambda i: "/reports"),
        Read("commune_summary", "Commune summary page (GET /reports/communes/{code})",
             "page:bench_province", lambda i: f"/reports/communes/{commune(i)}"),
        Read("commune_summary_api", "Commune summary API (GET /api/v1/communes/{code}/summary)",
             "token:province", lambda i: f"/api/v1/communes/{commune(i)}/summary"),
        Read("ledger", "Province Front's books (GET /ledger)", "page:bench_front",
             lambda i: f"/ledger?page={i % 3 + 1}"),
        Read("public_province", "Public books of the province (GET /public)", "anonymous",
             lambda i: "/public"),
        Read("public_commune", "Public books of a commune (GET /public/{code})", "anonymous",
             lambda i: f"/public/{commune(i)}"),
        Read("public_statement", "Public statement page (GET /public/sao-ke)",
             "anonymous", lambda i: f"/public/sao-ke?page={i % 3 + 1}"),
        Read("duty", "Quick reports owed (GET /duty)", "page:bench_commune",
             lambda i: "/duty"),
        Read("duty_grid", "Quick reports grid (GET /disasters/{id}/duty)", "page:bench_province",
             lambda i: f"/disasters/{f.matmo}/duty"),
        Read("duty_calendar", "A commune's quick reports (GET /disasters/{id}/duty/{code})",
             "page:bench_commune", lambda i: f"/disasters/{f.matmo}/duty/{officer}"),
        Read("front_reports", "Front reports (GET /ledger/front-reports)", "page:bench_front",
             lambda i: "/ledger/front-reports"),
    ]  # fmt: skip


def writes(f: Facts) -> list[Write]:
    today = date.today().isoformat()
    hamlets, moves = f.officer_hamlets, f.moves

    def create(i: int) -> tuple[str, str, dict]:
        male = i % 3 != 1
        body = {
            "hamlet_id": hamlets[i % len(hamlets)], "head_name": NEW_NAMES[i % len(NEW_NAMES)],
            "gender": "male" if male else "female", "birth_year": 1950 + i % 50,
            "members": 1 + i % 7, "ethnicity": "Tày", "poverty_status": "poor",
            "poverty_year": 2025,
            # Namesakes born the same year are common: the officer confirms they differ.
            "confirm_duplicate": True, "duplicate_reason": "Hộ khác, cùng tên (kiểm tra tại thôn)",
        }  # fmt: skip
        return "POST", "/api/v1/households", body

    def damage(i: int) -> tuple[str, str, dict]:
        body = {"household_id": f.undamaged[i], "disaster_id": f.matmo,
                "band": BANDS[i % len(BANDS)], "assessed_on": today,
                "assessed_by": "Tổ công tác xã"}  # fmt: skip
        return "POST", "/api/v1/damage-assessments", body

    def move(i: int) -> tuple[str, str, dict]:
        case_id, to, version = moves[i]
        return "POST", f"/api/v1/houses/{case_id}/stage", {"to": to, "on": today,
                                                          "version": version}  # fmt: skip

    def allocate(i: int) -> tuple[str, str, dict]:
        body = {"fund_id": f.province_fund, "aid_visit_id": f.visits[i % len(f.visits)],
                "amount": 100_000, "decision_number": f"{9000 + i}/QĐ-MTTQ",
                "decision_date": today, "allocated_on": today}  # fmt: skip
        return "POST", "/api/v1/ledger/allocations", body

    return [
        Write("create_household", "Create household (POST /api/v1/households)",
              "token:commune", create, {201}, 10_000),
        Write("damage_record", "Damage record (POST /api/v1/damage-assessments)",
              "token:commune", damage, {201}, len(f.undamaged)),
        Write("stage_move", "Stage move (POST /api/v1/houses/{id}/stage)", "token:admin", move,
              {200}, len(moves)),
        Write("allocation", "Allocation to an aid visit (POST /api/v1/ledger/allocations)",
              "token:front", allocate, {200, 201}, 10_000),
    ]  # fmt: skip


# -- the targets of issue 29 -------------------------------------------------------------------

READ_LIMIT = 10  # × the framework's 92-row Jinja page, measured in the same run
FLAT = 1.2  # full ÷ 1/10, and 3× ÷ full
CREATE_MS = 4.0
OTHER_WRITES = 2.0  # × a create
PG_OVER_SQLITE = 1.2


def _verdict(value: float | None, limit: float) -> dict:
    if value is None:
        return {"value": None, "limit": limit, "met": None}
    return {"value": round(value, 2), "limit": round(limit, 2), "met": value <= limit,
            "gap": None if value <= limit else round(value / limit, 2)}  # fmt: skip


def judge(results: dict) -> dict:
    """Each target's verdict per backend (and scale where it applies): met, or the gap."""
    out: dict = {}
    for backend, runs in results["backends"].items():
        verdicts: dict = {"reads_vs_framework": {}, "flat": {}, "writes": {}}
        for scale, run in runs.items():
            trivial = run["framework"]["page"]["cpu_ms"]
            verdicts["reads_vs_framework"][scale] = {
                key: _verdict(r.get("cpu_ms"), READ_LIMIT * trivial)
                for key, r in run["reads"].items()
            }
        scales = sorted(runs, key=float)
        for small, large in itertools.pairwise(scales):
            pair = f"{large} ÷ {small}"
            verdicts["flat"][pair] = {}
            for key, r in runs[large]["reads"].items():
                before = runs[small]["reads"].get(key, {}).get("cpu_ms")
                ratio = r.get("cpu_ms") / before if before and r.get("cpu_ms") else None
                verdicts["flat"][pair][key] = _verdict(ratio, FLAT)
        for scale, run in runs.items():
            w = run["writes"]
            create = (w.get("create_household") or {}).get("cpu_ms")
            one = {"create_household": _verdict(create, CREATE_MS)}
            for key in ("damage_record", "stage_move", "allocation"):
                value = (w.get(key) or {}).get("cpu_ms")
                one[key] = _verdict(value, OTHER_WRITES * CREATE_MS)
                one[key]["vs_create"] = round(value / create, 2) if value and create else None
            verdicts["writes"][scale] = one
        out[backend] = verdicts
    if {"sqlite", "postgres"} <= set(results["backends"]):
        out["postgres_vs_sqlite"] = {}
        for scale, run in results["backends"]["postgres"].items():
            lite = results["backends"]["sqlite"].get(scale)
            if not lite:
                continue
            out["postgres_vs_sqlite"][scale] = {
                key: _verdict(r["cpu_ms"] / lite["reads"][key]["cpu_ms"], PG_OVER_SQLITE)
                for key, r in run["reads"].items()
                if r.get("cpu_ms") and lite["reads"].get(key, {}).get("cpu_ms")
            }
    return out
