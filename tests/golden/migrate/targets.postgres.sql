-- cdcc ddl --dialect postgres --migrate-from: pipeline targets, from targets.cdc (sha256 536066023912)
-- what changes since targets.old.cdc (sha256 46069002feb3); review it before running it, nothing is dropped

-- ==== target pg (postgres) ====
CREATE SCHEMA IF NOT EXISTS "ops";
CREATE TABLE IF NOT EXISTS "ops"."cdcc_checkpoints" (
  "pipeline"     text NOT NULL,
  "source"       text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "committed_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "source")
);
CREATE TABLE IF NOT EXISTS "ops"."cdcc_quarantine" (
  "id"             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "pipeline"       text NOT NULL,
  "table_name"     text NOT NULL,
  "rule"           text NOT NULL,
  "reason"         text NOT NULL,
  "line"           integer,
  "op"             text NOT NULL,
  "position"       text,
  "commit_time"    timestamptz,
  "row"            jsonb NOT NULL,
  "quarantined_at" timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS "ops"."cdcc_columns" (
  "seq"         bigint GENERATED ALWAYS AS IDENTITY,
  "pipeline"    text NOT NULL,
  "table_name"  text NOT NULL,
  "column_name" text NOT NULL,
  "type"        text NOT NULL,
  "state"       text NOT NULL,
  "missing"     text,
  "recorded_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "table_name", "column_name")
);
CREATE TABLE IF NOT EXISTS "ops"."cdcc_copies" (
  "pipeline"     text NOT NULL,
  "table_name"   text NOT NULL,
  "target_table" text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "copied_at"    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "table_name", "target_table")
);
-- the checkpoints moved: copy them, or the pipeline starts over from a new snapshot:
-- INSERT INTO "ops"."cdcc_checkpoints" SELECT * FROM "cdcc"."cdcc_checkpoints";
-- and the column records (cdcc_columns), which say which source columns are new:
-- INSERT INTO "ops"."cdcc_columns" (pipeline, table_name, column_name, type, state, missing, recorded_at)
--   SELECT pipeline, table_name, column_name, type, state, missing, recorded_at FROM "cdcc"."cdcc_columns" ORDER BY seq;
-- and the copy records (cdcc_copies), which say which target tables hold their copy:
-- INSERT INTO "ops"."cdcc_copies" SELECT * FROM "cdcc"."cdcc_copies";
exit: 0
