-- cdcc ddl --dialect redshift: pipeline txns_to_redshift, from rds_mysql_to_redshift.cdc (sha256 710caf50f40e)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target dw (redshift) ====
CREATE SCHEMA IF NOT EXISTS "cdcc";
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_checkpoints" (
  "pipeline"     VARCHAR(512) NOT NULL,
  "source"       VARCHAR(512) NOT NULL,
  "position"     VARCHAR(512) NOT NULL,
  "batch_id"     BIGINT NOT NULL,
  "committed_at" TIMESTAMPTZ NOT NULL,
  PRIMARY KEY ("pipeline", "source")
) DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS "cdcc"."txns_quarantine" (
  "pipeline"       VARCHAR(512) NOT NULL,
  "table_name"     VARCHAR(1024) NOT NULL,
  "rule"           VARCHAR(65535) NOT NULL,
  "reason"         VARCHAR(65535) NOT NULL,
  "line"           INTEGER,
  "op"             VARCHAR(16) NOT NULL,
  "position"       VARCHAR(512),
  "commit_time"    TIMESTAMPTZ,
  "row"            SUPER NOT NULL,
  "quarantined_at" TIMESTAMPTZ NOT NULL
);

-- rds.bank.txns -> dw.finance.txns (append)
CREATE SCHEMA IF NOT EXISTS "finance";
CREATE TABLE IF NOT EXISTS "finance"."txns" (
  "txn_id" BIGINT ENCODE AZ64,
  "account_id" BIGINT ENCODE AZ64,
  "txn_ts" TIMESTAMP ENCODE RAW,
  "txn_type" VARCHAR(65535) ENCODE ZSTD,
  "amount" DECIMAL(12,2) ENCODE AZ64,
  "currency" VARCHAR(65535) ENCODE ZSTD,
  "merchant" VARCHAR(512) ENCODE ZSTD,
  "txn_date" DATE ENCODE AZ64,
  "card_last4" VARCHAR(65535) ENCODE ZSTD,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_binlog_pos" VARCHAR(1024) ENCODE ZSTD
)
DISTSTYLE KEY DISTKEY ("account_id")
COMPOUND SORTKEY ("txn_ts");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(12),
  "txn_id" BIGINT,
  "account_id" BIGINT,
  "txn_ts" TIMESTAMP,
  "txn_type" VARCHAR(65535),
  "amount" DECIMAL(12,2),
  "currency" VARCHAR(65535),
  "merchant" VARCHAR(512),
  "txn_date" DATE,
  "card_last4" VARCHAR(65535),
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_binlog_pos" VARCHAR(1024)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "txn_id", "account_id", "txn_ts", "txn_type", "amount", "currency", "merchant", "txn_date", "card_last4", "_op", "_commit_ts", "_binlog_pos")
FROM 's3://acme-cdc-staging/txns/{{batch}}/finance.txns.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
INSERT INTO "finance"."txns" ("txn_id", "account_id", "txn_ts", "txn_type", "amount", "currency", "merchant", "txn_date", "card_last4", "_op", "_commit_ts", "_binlog_pos")
SELECT s."txn_id", s."account_id", s."txn_ts", s."txn_type", s."amount", s."currency", s."merchant", s."txn_date", s."card_last4", s."_op", s."_commit_ts", s."_binlog_pos"
FROM "cdcc_stage" AS s;
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc"."txns_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row", "quarantined_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift
DELETE FROM "cdcc"."cdcc_checkpoints" WHERE "pipeline" = $1 AND "source" = $2;
INSERT INTO "cdcc"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, GETDATE());
exit: 0
