-- cdcc ddl --dialect redshift: pipeline trades_to_redshift, from dynamodb_to_redshift.cdc (sha256 8bebba0d2521)
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
CREATE TABLE IF NOT EXISTS "cdcc"."trades_quarantine" (
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

-- ddb.trades -> dw.markets.trades (merge)
CREATE SCHEMA IF NOT EXISTS "markets";
CREATE TABLE IF NOT EXISTS "markets"."trades" (
  "trade_id" VARCHAR(144) ENCODE ZSTD NOT NULL,
  "symbol" VARCHAR(65535) ENCODE ZSTD,
  "side" VARCHAR(65535) ENCODE ZSTD,
  "quantity" DECIMAL(18,0) ENCODE AZ64,
  "price" DECIMAL(18,6) ENCODE AZ64,
  "trader_id" VARCHAR(256) ENCODE ZSTD NOT NULL,
  "venue" VARCHAR(64) ENCODE ZSTD,
  "traded_at" TIMESTAMPTZ ENCODE AZ64,
  "trade_date" DATE ENCODE RAW,
  "notional" DECIMAL(36,6) ENCODE AZ64,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_seq" VARCHAR(1024) ENCODE ZSTD,
  "is_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("trade_id")
)
DISTSTYLE KEY DISTKEY ("symbol")
COMPOUND SORTKEY ("trade_date", "traded_at");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(14),
  "trade_id" VARCHAR(144),
  "symbol" VARCHAR(65535),
  "side" VARCHAR(65535),
  "quantity" DECIMAL(18,0),
  "price" DECIMAL(18,6),
  "trader_id" VARCHAR(256),
  "venue" VARCHAR(64),
  "traded_at" TIMESTAMPTZ,
  "trade_date" DATE,
  "notional" DECIMAL(36,6),
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_seq" VARCHAR(1024)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "trade_id", "symbol", "side", "quantity", "price", "trader_id", "venue", "traded_at", "trade_date", "notional", "_op", "_commit_ts", "_seq")
FROM 's3://acme-cdc-staging/trades/{{batch}}/markets.trades.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."trade_id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."symbol") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "symbol",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."side") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "side",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."quantity") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "quantity",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."price") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "price",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."trader_id") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "trader_id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."venue") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "venue",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."traded_at") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "traded_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."trade_date") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "trade_date",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."notional") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "notional",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u12",
    FIRST_VALUE(s."_seq") OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 13, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_seq",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 13, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."trade_id", CASE WHEN s."trade_id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u13"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "markets"."trades" AS t WHERE t."trade_id" = "cdcc_batch"."trade_id");
MERGE INTO "markets"."trades" USING "cdcc_batch" AS b ON "markets"."trades"."trade_id" = b."trade_id"
WHEN MATCHED THEN UPDATE SET
  "symbol" = CASE WHEN b."_cdc_u2" = 1 THEN "markets"."trades"."symbol" ELSE b."symbol" END,
  "side" = CASE WHEN b."_cdc_u3" = 1 THEN "markets"."trades"."side" ELSE b."side" END,
  "quantity" = CASE WHEN b."_cdc_u4" = 1 THEN "markets"."trades"."quantity" ELSE b."quantity" END,
  "price" = CASE WHEN b."_cdc_u5" = 1 THEN "markets"."trades"."price" ELSE b."price" END,
  "trader_id" = CASE WHEN b."_cdc_u6" = 1 THEN "markets"."trades"."trader_id" ELSE b."trader_id" END,
  "venue" = CASE WHEN b."_cdc_u7" = 1 THEN "markets"."trades"."venue" ELSE b."venue" END,
  "traded_at" = CASE WHEN b."_cdc_u8" = 1 THEN "markets"."trades"."traded_at" ELSE b."traded_at" END,
  "trade_date" = CASE WHEN b."_cdc_u9" = 1 THEN "markets"."trades"."trade_date" ELSE b."trade_date" END,
  "notional" = CASE WHEN b."_cdc_u10" = 1 THEN "markets"."trades"."notional" ELSE b."notional" END,
  "_op" = CASE WHEN b."_cdc_u11" = 1 THEN "markets"."trades"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u12" = 1 THEN "markets"."trades"."_commit_ts" ELSE b."_commit_ts" END,
  "_seq" = CASE WHEN b."_cdc_u13" = 1 THEN "markets"."trades"."_seq" ELSE b."_seq" END,
  "is_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("trade_id", "symbol", "side", "quantity", "price", "trader_id", "venue", "traded_at", "trade_date", "notional", "_op", "_commit_ts", "_seq", "is_deleted")
  VALUES (b."trade_id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."symbol" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."side" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."quantity" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."price" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."trader_id" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."venue" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."traded_at" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."trade_date" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."notional" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u12" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u13" = 1 THEN NULL ELSE b."_seq" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc"."trades_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row", "quarantined_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift
DELETE FROM "cdcc"."cdcc_checkpoints" WHERE "pipeline" = $1 AND "source" = $2;
INSERT INTO "cdcc"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, GETDATE());
exit: 0
