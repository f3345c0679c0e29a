-- cdcc ddl --dialect postgres: pipeline app_reporting, from postgres_to_postgres.cdc (sha256 8bc2fafa5646)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target reporting (postgres) ====
CREATE SCHEMA IF NOT EXISTS "cdcc";
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_checkpoints" (
  "pipeline"     text NOT NULL,
  "source"       text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "committed_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "source")
);
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_quarantine" (
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
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_columns" (
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
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_copies" (
  "pipeline"     text NOT NULL,
  "table_name"   text NOT NULL,
  "target_table" text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "copied_at"    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "table_name", "target_table")
);

-- app.public.customers -> reporting.reporting.customers (merge)
CREATE SCHEMA IF NOT EXISTS "reporting";
CREATE TABLE IF NOT EXISTS "reporting"."customers" (
  "id" bigint NOT NULL,
  "full_name" text,
  "country" char(2),
  "created_at" timestamptz NOT NULL,
  "preferences" jsonb,
  "email_hash" text,
  "_op" char(1),
  "_commit_ts" timestamptz,
  "is_deleted" boolean DEFAULT FALSE NOT NULL,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(9),
  "id" bigint,
  "full_name" text,
  "country" char(2),
  "created_at" timestamptz,
  "preferences" jsonb,
  "email_hash" text,
  "_op" char(1),
  "_commit_ts" timestamptz
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "full_name", "country", "created_at", "preferences", "email_hash", "_op", "_commit_ts") FROM STDIN;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."full_name") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "full_name",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."country") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "country",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."preferences") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "preferences",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."email_hash") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "email_hash",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "reporting"."customers" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "reporting"."customers" AS t USING "cdcc_batch" AS b ON t."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "full_name" = CASE WHEN b."_cdc_u2" = 1 THEN t."full_name" ELSE b."full_name" END,
  "country" = CASE WHEN b."_cdc_u3" = 1 THEN t."country" ELSE b."country" END,
  "created_at" = CASE WHEN b."_cdc_u4" = 1 THEN t."created_at" ELSE b."created_at" END,
  "preferences" = CASE WHEN b."_cdc_u5" = 1 THEN t."preferences" ELSE b."preferences" END,
  "email_hash" = CASE WHEN b."_cdc_u6" = 1 THEN t."email_hash" ELSE b."email_hash" END,
  "_op" = CASE WHEN b."_cdc_u7" = 1 THEN t."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u8" = 1 THEN t."_commit_ts" ELSE b."_commit_ts" END,
  "is_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "full_name", "country", "created_at", "preferences", "email_hash", "_op", "_commit_ts", "is_deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."full_name" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."country" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."preferences" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."email_hash" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."_commit_ts" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- app.public.orders -> reporting.reporting.orders (merge)
CREATE SCHEMA IF NOT EXISTS "reporting";
CREATE TABLE IF NOT EXISTS "reporting"."orders" (
  "id" bigint NOT NULL,
  "customer_id" bigint NOT NULL,
  "status" varchar(16) NOT NULL,
  "currency" char(3) NOT NULL,
  "total" numeric(12,2) NOT NULL,
  "placed_at" timestamptz NOT NULL,
  "notes" text,
  "placed_date" date,
  "_commit_ts" timestamptz,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(9),
  "id" bigint,
  "customer_id" bigint,
  "status" varchar(16),
  "currency" char(3),
  "total" numeric(12,2),
  "placed_at" timestamptz,
  "notes" text,
  "placed_date" date,
  "_commit_ts" timestamptz
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "customer_id", "status", "currency", "total", "placed_at", "notes", "placed_date", "_commit_ts") FROM STDIN;
MERGE INTO "reporting"."orders" AS t USING (
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."customer_id") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "customer_id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."status") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "status",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."currency") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "currency",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."total") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "total",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."placed_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "placed_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."notes") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "notes",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."placed_date") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "placed_date",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."id" = b."id"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "customer_id" = CASE WHEN b."_cdc_u2" = 1 THEN t."customer_id" ELSE b."customer_id" END,
  "status" = CASE WHEN b."_cdc_u3" = 1 THEN t."status" ELSE b."status" END,
  "currency" = CASE WHEN b."_cdc_u4" = 1 THEN t."currency" ELSE b."currency" END,
  "total" = CASE WHEN b."_cdc_u5" = 1 THEN t."total" ELSE b."total" END,
  "placed_at" = CASE WHEN b."_cdc_u6" = 1 THEN t."placed_at" ELSE b."placed_at" END,
  "notes" = CASE WHEN b."_cdc_u7" = 1 THEN t."notes" ELSE b."notes" END,
  "placed_date" = CASE WHEN b."_cdc_u8" = 1 THEN t."placed_date" ELSE b."placed_date" END,
  "_commit_ts" = CASE WHEN b."_cdc_u9" = 1 THEN t."_commit_ts" ELSE b."_commit_ts" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("id", "customer_id", "status", "currency", "total", "placed_at", "notes", "placed_date", "_commit_ts")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."customer_id" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."status" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."currency" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."total" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."placed_at" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."notes" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."placed_date" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."_commit_ts" END);
DROP TABLE "cdcc_stage";

-- app.public.order_items -> reporting.reporting.order_items (merge)
CREATE SCHEMA IF NOT EXISTS "reporting";
CREATE TABLE IF NOT EXISTS "reporting"."order_items" (
  "order_id" bigint NOT NULL,
  "line_no" integer NOT NULL,
  "sku" varchar(32) NOT NULL,
  "quantity" integer NOT NULL,
  "unit_price" numeric(10,2) NOT NULL,
  "line_total" numeric(20,2),
  PRIMARY KEY ("order_id", "line_no")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(6),
  "order_id" bigint,
  "line_no" integer,
  "sku" varchar(32),
  "quantity" integer,
  "unit_price" numeric(10,2),
  "line_total" numeric(20,2)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "order_id", "line_no", "sku", "quantity", "unit_price", "line_total") FROM STDIN;
MERGE INTO "reporting"."order_items" AS t USING (
SELECT * FROM (
  SELECT s."order_id", s."line_no", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."sku") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "sku",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."quantity") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "quantity",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."unit_price") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "unit_price",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."line_total") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "line_total",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."order_id" = b."order_id" AND t."line_no" = b."line_no"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "sku" = CASE WHEN b."_cdc_u3" = 1 THEN t."sku" ELSE b."sku" END,
  "quantity" = CASE WHEN b."_cdc_u4" = 1 THEN t."quantity" ELSE b."quantity" END,
  "unit_price" = CASE WHEN b."_cdc_u5" = 1 THEN t."unit_price" ELSE b."unit_price" END,
  "line_total" = CASE WHEN b."_cdc_u6" = 1 THEN t."line_total" ELSE b."line_total" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("order_id", "line_no", "sku", "quantity", "unit_price", "line_total")
  VALUES (b."order_id", b."line_no", CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."sku" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."quantity" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."unit_price" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."line_total" END);
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc"."cdcc_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch)
INSERT INTO "cdcc"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, now())
  ON CONFLICT ("pipeline", "source") DO UPDATE SET "position" = EXCLUDED."position",
    "batch_id" = EXCLUDED."batch_id", "committed_at" = EXCLUDED."committed_at";
exit: 0
