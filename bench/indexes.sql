-- The indexes the models declare (Meta.indexes, unique_together, db_index) on the five tables
-- that migration 0002 rebuilds on SQLite to add CHECK constraints: the rebuild drops them.
-- Used only by `bench/run.py --restore-indexes`, to measure what restoring them is worth.
CREATE INDEX IF NOT EXISTS bench_household_name ON household (commune_id, head_name_key);
CREATE INDEX IF NOT EXISTS bench_household_hamlet ON household (commune_id, hamlet_id);
CREATE INDEX IF NOT EXISTS bench_household_phone ON household (phone);
CREATE UNIQUE INDEX IF NOT EXISTS bench_damage_unique ON damage_assessment (household_id, disaster_id);
CREATE INDEX IF NOT EXISTS bench_damage_disaster ON damage_assessment (disaster_id, commune_id, level, relocated);
CREATE INDEX IF NOT EXISTS bench_damage_commune ON damage_assessment (commune_id, hamlet_id, level, relocated);
CREATE UNIQUE INDEX IF NOT EXISTS bench_case_seq ON house_case (commune_id, year, seq);
CREATE INDEX IF NOT EXISTS bench_case_programme ON house_case (commune_id, programme, kind, stage);
CREATE INDEX IF NOT EXISTS bench_case_hamlet ON house_case (commune_id, hamlet_id, stage);
CREATE INDEX IF NOT EXISTS bench_case_started ON house_case (stage, started_on);
CREATE INDEX IF NOT EXISTS bench_contribution_source ON contribution (commune_id, source, amount_pledged, amount_disbursed);
CREATE INDEX IF NOT EXISTS bench_contribution_sponsor ON contribution (sponsor_id, house_case_id);
CREATE UNIQUE INDEX IF NOT EXISTS bench_gift_unique ON aid_given (visit_id, household_id);
CREATE INDEX IF NOT EXISTS bench_gift_commune ON aid_given (commune_id, hamlet_id, household_id, cash, goods_value);
