"""The country on PostgreSQL, built with set-based SQL (issue 31): every province's communes
(loaded before by `relief load-places --all`), hamlets in each, households spread over all 34
provinces (the northern provinces Yagi and Matmo hit three times as dense), their search words,
damage records, aid visits and gifts, house cases with their stage history and their money.

Each table is one INSERT ... SELECT over generate_series or over the rows already inserted, in
one transaction; the names and codes the app derives in Python (folded keys, house-code
prefixes) are passed in as arrays. The kept figures are not written here: `relief summaries
rebuild` makes them the way the app does, and `relief summaries check` proves them.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import generate
import names as N

from relief.core.text import fold

# Provinces the 2024-25 typhoons hit (Yagi, Matmo): three times as many households per hamlet.
NORTH = ["04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25"]
HAMLETS_PER_COMMUNE = 8  # the same at every scale: a larger country is a denser one
MATMO, YAGI = date(2025, 10, 6), date(2024, 9, 7)
NOW = datetime(2025, 12, 1, 2, 0, tzinfo=UTC)
STEP_DAYS = 12  # between two stages of a house case
NEW_PATH = ["proposed", "approved", "started", "foundation_done", "completed", "handed_over"]
REPAIR_PATH = ["proposed", "approved", "started", "thirty_percent_done", "completed",
               "handed_over"]  # fmt: skip
FILLED = ["household", "household_word", "damage_assessment", "aid_visit", "aid_given",
          "house_case", "stage_event", "contribution"]  # fmt: skip
LEVELS = list(generate.BANDS.values())  # (band, fact) of the old one-list damage


def _weighted(pairs) -> list[str]:
    return [value for value, weight in pairs for _ in range(weight)]


def _with_keys(values: list[str]) -> tuple[list[str], list[str]]:
    return values, [fold(v) for v in values]


async def _step(db, timings: dict, name: str, sql: str, *args) -> None:
    t0 = time.perf_counter()
    await db.execute(sql, *args)
    timings[name] = round(time.perf_counter() - t0, 2)


async def fill(dsn: str, households: int) -> dict[str, float]:
    """Inserts the country's rows (seconds per step); then ANALYZE."""
    import asyncpg

    db = await asyncpg.connect(dsn)
    timings: dict[str, float] = {}
    try:
        if await db.fetchval('SELECT count(*) FROM "household"'):
            raise SystemExit("the national bench needs a database without households")
        await db.execute("SET maintenance_work_mem = '512MB'")
        # Foreign keys unchecked while filling (each row's parents are made just before it,
        # from the rows themselves): their checks were most of the insert's time. `relief
        # summaries check` below proves every record sits in its household's commune and hamlet.
        await db.execute("SET session_replication_role = replica")
        async with db.transaction():
            # The filled tables' plain indexes are dropped and made again once filled: one
            # sort each, instead of a million random insertions into each.
            kept = await db.fetch(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                   WHERE c.conname = i.indexname)""",
                FILLED,
            )
            for name, _ in kept:
                await db.execute(f'DROP INDEX "{name}"')
            await _fill(db, households, timings)
            t0 = time.perf_counter()
            for _, definition in kept:
                await db.execute(definition)
            timings["indexes"] = round(time.perf_counter() - t0, 2)
        await db.execute("RESET session_replication_role")
        t0 = time.perf_counter()
        await db.execute("ANALYZE")
        timings["analyze"] = round(time.perf_counter() - t0, 2)
    finally:
        await db.close()
    return timings


async def _fill(db, households: int, timings: dict) -> None:
    await db.execute("SELECT setseed(0.31)")  # random() below: the same country every run
    matmo = await db.fetchval(
        """INSERT INTO "disaster" (name, kind, starts_on, ends_on, description, created_at,
           version) VALUES ('Bão số 11 (Matmo)', 'typhoon', $1::date, $1::date + 1,
           'Mưa 250–400 mm ngày 6–7/10/2025.', $2::timestamptz, 1) RETURNING id""",
        MATMO, NOW,
    )  # fmt: skip
    yagi = await db.fetchval(
        """INSERT INTO "disaster" (name, kind, starts_on, ends_on, description, created_at,
           version) VALUES ('Bão số 3 (Yagi)', 'typhoon', $1::date, $1::date + 3,
           'Lũ lịch sử tháng 9/2024.', $2::timestamptz, 1) RETURNING id""",
        YAGI, NOW,
    )  # fmt: skip
    sponsors = [f"Công ty Cổ phần {w}" for w in N.SPONSOR_WORDS]
    await _step(db, timings, "sponsor",
        """INSERT INTO "sponsor" (name, name_key, kind, contact_person, phone, email,
           created_at, version)
           SELECT n, k, 'company', '', '', '', $3::timestamptz, 1
           FROM unnest($1::text[], $2::text[]) AS s(n, k)""",
        *_with_keys(sponsors), NOW,
    )  # fmt: skip
    # Hamlets: HAMLETS_PER_COMMUNE per commune, names from the list's pairs (distinct within
    # a commune); a commune's own hamlets (Thái Nguyên's) are kept.
    pairs = [f"{a} {b}" for a in N.HAMLET_FIRST for b in N.HAMLET_SECOND]
    names, keys = _with_keys([f"Thôn {p}" for p in pairs])
    await _step(db, timings, "hamlet",
        """INSERT INTO "hamlet" (commune_id, name, name_key, kind, is_example)
           SELECT c.id, ($1::text[])[1 + (c.id * 5 + j * 7) % cardinality($1::text[])],
                  ($2::text[])[1 + (c.id * 5 + j * 7) % cardinality($1::text[])], 'thon', true
           FROM "commune" c CROSS JOIN generate_series(0, $3 - 1) AS j
           ON CONFLICT (commune_id, name_key) DO NOTHING""",
        names, keys, HAMLETS_PER_COMMUNE,
    )  # fmt: skip
    await db.execute(
        """CREATE TEMP TABLE slot ON COMMIT DROP AS
           SELECT (row_number() OVER (ORDER BY h.id, w) - 1)::int AS n, h.id AS hamlet_id,
                  h.commune_id
           FROM "hamlet" h JOIN "commune" c ON c.id = h.commune_id
           JOIN "province" p ON p.id = c.province_id
           CROSS JOIN LATERAL generate_series(1, CASE WHEN p.code = ANY($1::text[]) THEN 3
                                                      ELSE 1 END) AS w""",
        NORTH,
    )  # fmt: skip
    await db.execute("CREATE UNIQUE INDEX ON slot (n)")
    sur, sur_k = _with_keys(_weighted(N.SURNAMES))
    mm, mm_k = _with_keys(_weighted(N.MIDDLE_MALE))
    mf, mf_k = _with_keys(_weighted(N.MIDDLE_FEMALE))
    gm, gm_k = _with_keys(N.GIVEN_MALE)
    gf, gf_k = _with_keys(N.GIVEN_FEMALE)
    await _step(db, timings, "household",
        """INSERT INTO "household" (head_name, head_name_key, gender, birth_year, id_number,
             phone, members, ethnicity, poverty_status, poverty_year, revolutionary_service,
             martyr_family, social_protection, especially_hard, address_detail, archived_at,
             created_at, updated_at, version, commune_id, hamlet_id)
           SELECT ($2::text[])[s] || ' '
                    || CASE WHEN male THEN ($4::text[])[m] ELSE ($6::text[])[m] END
                    || ' ' || CASE WHEN male THEN ($8::text[])[g] ELSE ($10::text[])[g] END,
                  ($3::text[])[s] || ' '
                    || CASE WHEN male THEN ($5::text[])[m] ELSE ($7::text[])[m] END
                    || ' ' || CASE WHEN male THEN ($9::text[])[g] ELSE ($11::text[])[g] END,
                  CASE WHEN male THEN 'male' ELSE 'female' END, 1940 + (x.n % 64),
                  CASE WHEN x.n % 10 < 7 THEN lpad(x.n::text, 12, '0') END,
                  CASE WHEN x.n % 5 < 3 THEN '09' || lpad(x.n::text, 8, '0') END,
                  1 + x.n % 8, ($12::text[])[1 + x.n % cardinality($12::text[])],
                  CASE WHEN p < 0.12 THEN 'poor' WHEN p < 0.22 THEN 'near_poor' ELSE 'none' END,
                  CASE WHEN p < 0.22 THEN 2025 END, x.n % 33 = 0, x.n % 50 = 0, x.n % 12 = 0,
                  x.n % 25 = 0, '', CASE WHEN x.n % 331 = 0 THEN $13::timestamptz END,
                  $13::timestamptz, $13::timestamptz, 1, slot.commune_id, slot.hamlet_id
           FROM (SELECT n, random() < 0.7 AS male, random() AS p,
                        1 + floor(random() * cardinality($2::text[]))::int AS s,
                        random() AS rm, random() AS rg,
                        floor(random() * (SELECT count(*) FROM slot))::int AS at
                 FROM generate_series(1, $1) AS n) x
           CROSS JOIN LATERAL (
             SELECT 1 + floor(rm * cardinality(CASE WHEN male THEN $4::text[]
                                                    ELSE $6::text[] END))::int AS m,
                    1 + floor(rg * cardinality(CASE WHEN male THEN $8::text[]
                                                    ELSE $10::text[] END))::int AS g) ix
           JOIN slot ON slot.n = x.at
           ORDER BY slot.commune_id, x.n""",
        households, sur, sur_k, mm, mm_k, mf, mf_k, gm, gm_k, gf, gf_k,
        _weighted(N.ETHNICITIES), NOW,
    )  # fmt: skip
    # The search words of each name (relief.households.words.tails): the folded name from each
    # of its words on (each tail has its own number of words: no two are the same).
    await _step(db, timings, "household_word",
        """INSERT INTO "household_word" (household_id, commune_id, tail)
           SELECT h.id, h.commune_id, left(array_to_string(w[i:], ' '), 120)
           FROM "household" h
           CROSS JOIN LATERAL string_to_array(h.head_name_key, ' ') AS w
           CROSS JOIN LATERAL generate_series(1, cardinality(w)) AS i""",
    )  # fmt: skip
    bands = [band for band, _ in LEVELS]
    facts = [fact or "" for _, fact in LEVELS]
    await _step(db, timings, "damage_assessment",
        """INSERT INTO "damage_assessment" (household_id, disaster_id, commune_id, hamlet_id,
             band, collapsed, flooded, roof_blown_off, landslide_relocation, relocated,
             relocated_on, dead, missing, injured, estimated_loss, needs, assessed_on,
             assessed_by, created_at, updated_at, version)
           SELECT h.id, d.disaster, h.commune_id, h.hamlet_id, ($1::text[])[lv],
                  ($2::text[])[lv] = 'collapsed', ($2::text[])[lv] = 'flooded',
                  ($2::text[])[lv] = 'roof_blown_off', ($2::text[])[lv] = 'landslide_relocation',
                  moved, CASE WHEN moved THEN d.day + 5 END, 0, 0,
                  CASE WHEN ($1::text[])[lv] = 'total' AND h.id % 10 = 0 THEN 1 ELSE 0 END,
                  (h.id % 300) * 1000000, '["food", "repair"]'::jsonb, d.day + 2 + h.id % 18,
                  'Tổ công tác xã', $3::timestamptz, $3::timestamptz, 1
           FROM (SELECT h.*, 1 + floor(random() * cardinality($1::text[]))::int AS lv
                 FROM "household" h WHERE h.id % 5 = 0 OR h.id % 33 = 1) h
           CROSS JOIN LATERAL (SELECT CASE WHEN h.id % 5 = 0 THEN $4::int ELSE $5::int END
                                        AS disaster,
                                      CASE WHEN h.id % 5 = 0 THEN $6::date ELSE $7::date END
                                        AS day) d
           CROSS JOIN LATERAL (SELECT ($2::text[])[h.lv] IN ('collapsed', 'landslide_relocation')
                                      AND (h.id / 5) % 5 < 3 AS moved) r""",
        bands, facts, NOW, matmo, yagi, MATMO, YAGI,
    )  # fmt: skip
    # Aid: one visit per 150 households of a commune (at least one), a gift to one household
    # in ten from one of its commune's visits.
    await _step(db, timings, "aid_visit",
        """INSERT INTO "aid_visit" (commune_id, disaster_id, visited_on, delegation, leader,
             notes, created_at, updated_at, version)
           SELECT c.id, $1::int, $2::date + 1 + (c.id * 7 + j * 13) % 119,
                  'Đoàn công tác UBND ' || c.name, '', 'Thăm hỏi, tặng quà các hộ bị thiệt hại.',
                  $3::timestamptz, $3::timestamptz, 1
           FROM (SELECT commune_id, count(*) AS n FROM "household" GROUP BY commune_id) hc
           JOIN "commune" c ON c.id = hc.commune_id
           CROSS JOIN LATERAL generate_series(1, greatest(1, hc.n / 150)::int) AS j""",
        matmo, MATMO, NOW,
    )  # fmt: skip
    await _step(db, timings, "aid_given",
        """INSERT INTO "aid_given" (visit_id, household_id, commune_id, hamlet_id, cash, goods,
             goods_value, version)
           SELECT v.id, h.id, h.commune_id, h.hamlet_id, (ARRAY[0, 1, 2, 5])[1 + h.id % 4]
                  * 1000000, ($1::text[])[1 + h.id % cardinality($1::text[])],
                  CASE WHEN ($1::text[])[1 + h.id % cardinality($1::text[])] = '' THEN 0
                       ELSE 500000 END, 1
           FROM "household" h
           JOIN (SELECT id, commune_id, row_number() OVER w - 1 AS k, count(*) OVER w AS nk
                 FROM "aid_visit" WINDOW w AS (PARTITION BY commune_id)) v
             ON v.commune_id = h.commune_id AND v.k = (h.id / 10) % v.nk
           WHERE h.id % 10 = 3""",
        N.GOODS,
    )  # fmt: skip
    await _house_cases(db, timings, matmo)


async def _house_cases(db, timings: dict, matmo: int) -> None:
    """A house case for one household in twelve, at a stage drawn from the province bench's
    mix (relief's stage machine's paths), with each stage's date, its history and its money."""
    import asyncpg  # noqa: F401  (the connection's module)

    communes = [generate.Commune(i, c, n, False) for i, c, n in
                await db.fetch('SELECT id, code, name FROM "commune"')]  # fmt: skip
    prefixes = generate.code_prefixes(communes)
    ids, codes = list(prefixes), [prefixes[i] for i in prefixes]
    # The stage mix of bench/generate.py (STAGE_MIX) as cumulative percentages.
    await db.execute(
        """CREATE TEMP TABLE hc ON COMMIT DROP AS
           SELECT nextval(pg_get_serial_sequence('"house_case"', 'id'))::int AS id, x.*,
                  CASE target WHEN 'proposed' THEN 0 WHEN 'approved' THEN 1
                       WHEN 'started' THEN 2 WHEN 'middle' THEN 3 WHEN 'completed' THEN 4
                       WHEN 'handed_over' THEN 5 WHEN 'paused' THEN 2 + x.household % 2
                       ELSE x.household % 5 END AS reached
           FROM (SELECT h.id AS household, h.commune_id, h.hamlet_id,
                        CASE WHEN h.id % 5 = 0 THEN $1::int END AS disaster,
                        CASE WHEN random() < 0.65 THEN 'new_build' ELSE 'repair' END AS kind,
                        (ARRAY['great_solidarity', 'great_solidarity', 'temporary_house',
                               'revolutionary_service', 'disaster_recovery'])
                          [1 + floor(random() * 5)::int] AS programme,
                        CASE WHEN r < 10 THEN 'proposed' WHEN r < 22 THEN 'approved'
                             WHEN r < 36 THEN 'started' WHEN r < 49 THEN 'middle'
                             WHEN r < 64 THEN 'completed' WHEN r < 90 THEN 'handed_over'
                             WHEN r < 94 THEN 'paused' ELSE 'cancelled' END AS target,
                        $2::date + 2 + floor(random() * 60)::int AS proposed_on
                 FROM (SELECT h.*, floor(random() * 100)::int AS r FROM "household" h
                       WHERE h.id % 12 = 7) h) x""",
        matmo, MATMO,
    )  # fmt: skip
    await _step(db, timings, "house_case",
        """INSERT INTO "house_case" (id, code, year, seq, household_id, commune_id, hamlet_id,
             disaster_id, programme, kind, area_m2, hard_foundation, hard_frame, hard_roof,
             estimated_cost, stage, stage_on, paused_from, proposed_on, approved_on,
             started_on, foundation_done_on, thirty_percent_done_on, completed_on,
             handed_over_on, cancelled_on, cancel_reason, notes, created_at, updated_at,
             version)
           SELECT hc.id, p.prefix || '-2025-' || lpad(seq::text, 4, '0'), 2025, seq,
                  household, hc.commune_id, hamlet_id, disaster, programme, kind,
                  CASE WHEN kind = 'new_build' THEN 40.00 ELSE 24.00 END,
                  reached >= 3 AND kind = 'new_build', reached >= 3 AND kind = 'new_build',
                  reached >= 3 AND kind = 'new_build',
                  CASE WHEN kind = 'new_build' THEN 60000000 ELSE 30000000 END,
                  CASE WHEN target IN ('paused', 'cancelled') THEN target ELSE here END,
                  proposed_on + $4::int * reached + CASE WHEN target IN ('paused', 'cancelled')
                                                    THEN 7 ELSE 0 END,
                  CASE WHEN target = 'paused' THEN here END, proposed_on,
                  CASE WHEN reached >= 1 THEN proposed_on + $4::int END,
                  CASE WHEN reached >= 2 THEN proposed_on + 2 * $4::int END,
                  CASE WHEN reached >= 3 AND kind = 'new_build' THEN proposed_on + 3 * $4::int END,
                  CASE WHEN reached >= 3 AND kind = 'repair' THEN proposed_on + 3 * $4::int END,
                  CASE WHEN reached >= 4 THEN proposed_on + 4 * $4::int END,
                  CASE WHEN reached >= 5 THEN proposed_on + 5 * $4::int END,
                  CASE WHEN target = 'cancelled' THEN proposed_on + $4::int * reached + 7 END,
                  CASE WHEN target = 'cancelled' THEN 'Hộ chuyển đi nơi khác' END, '',
                  $3::timestamptz, $3::timestamptz, 1
           FROM (SELECT hc.*, row_number() OVER (PARTITION BY commune_id ORDER BY id) AS seq,
                        (CASE WHEN kind = 'new_build' THEN $5::text[] ELSE $6::text[] END)
                          [1 + reached] AS here
                 FROM hc) hc
           JOIN unnest($1::int[], $2::text[]) AS p(commune_id, prefix)
             ON p.commune_id = hc.commune_id""",
        ids, codes, NOW, STEP_DAYS, NEW_PATH, REPAIR_PATH,
    )  # fmt: skip
    await _step(db, timings, "stage_event",
        """INSERT INTO "stage_event" (house_case_id, commune_id, from_stage, to_stage, "on",
             at, reason, version)
           SELECT hc.id, hc.commune_id,
                  CASE WHEN i = 0 THEN NULL ELSE path[i] END, path[i + 1],
                  hc.proposed_on + $1::int * i, (hc.proposed_on + $1::int * i) + time '08:30',
                  NULL, 1
           FROM hc CROSS JOIN LATERAL (SELECT CASE WHEN kind = 'new_build' THEN $2::text[]
                                                   ELSE $3::text[] END AS path) p
           CROSS JOIN LATERAL generate_series(0, hc.reached) AS i
           UNION ALL
           SELECT hc.id, hc.commune_id, h.stage_before, hc.target,
                  hc.proposed_on + $1::int * hc.reached + 7,
                  (hc.proposed_on + $1::int * hc.reached + 7) + time '08:30',
                  CASE WHEN hc.target = 'paused' THEN 'Chờ vật liệu'
                       ELSE 'Hộ chuyển đi nơi khác' END, 1
           FROM hc CROSS JOIN LATERAL (SELECT (CASE WHEN kind = 'new_build' THEN $2::text[]
                                                    ELSE $3::text[] END)[1 + hc.reached]
                                                AS stage_before) h
           WHERE hc.target IN ('paused', 'cancelled')""",
        STEP_DAYS, NEW_PATH, REPAIR_PATH,
    )  # fmt: skip
    # The money: one or two contributions a case; disbursed whole once built, the first 70 %
    # tranche at the middle stage, nothing before.
    await _step(db, timings, "contribution",
        """INSERT INTO "contribution" (house_case_id, commune_id, source, sponsor_id,
             amount_pledged, amount_disbursed, tranche, labour_days, note, created_at,
             updated_at, version)
           SELECT c.id, c.commune_id, src, CASE WHEN src = 'sponsor' THEN s.first + c.id % 20
                  END, pledged,
                  CASE WHEN built THEN pledged WHEN middle THEN pledged * 7 / 10 ELSE 0 END,
                  CASE WHEN middle AND NOT built THEN 'first' ELSE 'whole' END,
                  CASE WHEN src = 'labour_days' THEN 20 + c.id % 100 ELSE 0 END, '',
                  $1::timestamptz, $1::timestamptz, 1
           FROM (SELECT hc.*, j,
                        (ARRAY['state_budget', 'state_budget', 'sponsor', 'fund_for_the_poor',
                               'household', 'policy_bank_loan', 'labour_days'])
                          [1 + (hc.id + j) % 7] AS src,
                        hc.target IN ('completed', 'handed_over') AS built,
                        hc.reached >= 3 AND hc.target NOT IN ('cancelled') AS middle
                 FROM hc CROSS JOIN LATERAL generate_series(1, 1 + (hc.id % 3 = 0)::int) AS j
                ) c
           CROSS JOIN LATERAL (SELECT CASE WHEN c.src = 'labour_days' THEN 0
                                           ELSE (5 + (c.id * 7 + c.j) % 36) * 1000000 END
                                      AS pledged) m
           CROSS JOIN (SELECT min(id) AS first FROM "sponsor") s""",
        NOW,
    )  # fmt: skip


async def counts(dsn: str) -> dict[str, int]:
    import asyncpg

    tables = ["province", "commune", "hamlet", "household", "household_word",
              "damage_assessment", "aid_visit", "aid_given", "house_case", "stage_event",
              "contribution", "summary_figure"]  # fmt: skip
    db = await asyncpg.connect(dsn)
    try:
        out = {t: await db.fetchval(f'SELECT count(*) FROM "{t}"') for t in tables}
        out["provinces_with_households"] = await db.fetchval(
            'SELECT count(DISTINCT c.province_id) FROM "household" h '
            'JOIN "commune" c ON c.id = h.commune_id'
        )
        return out
    finally:
        await db.close()
