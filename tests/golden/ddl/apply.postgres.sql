-- cdcc ddl --dialect postgres: pipeline sql_apply, from apply.cdc (sha256 8376a6ab2325)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target pg (postgres) ====
CREATE SCHEMA IF NOT EXISTS "cdcc rt";
CREATE TABLE IF NOT EXISTS "cdcc rt"."cdcc_checkpoints" (
  "pipeline"     text NOT NULL,
  "source"       text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "committed_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "source")
);
CREATE TABLE IF NOT EXISTS "cdcc rt"."cdcc_quarantine" (
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
CREATE TABLE IF NOT EXISTS "cdcc rt"."cdcc_columns" (
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
CREATE TABLE IF NOT EXISTS "cdcc rt"."cdcc_copies" (
  "pipeline"     text NOT NULL,
  "table_name"   text NOT NULL,
  "target_table" text NOT NULL,
  "position"     text NOT NULL,
  "batch_id"     bigint NOT NULL,
  "copied_at"    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("pipeline", "table_name", "target_table")
);

-- src.public.accounts -> pg."app data".accounts (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."accounts" (
  "id" bigint NOT NULL,
  "name" varchar(100) NOT NULL,
  "balance" numeric(12,2),
  "ratio" double precision,
  "note" text,
  "active" boolean,
  "opened" date,
  "updated" timestamptz,
  "doc" jsonb,
  "avatar" bytea,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(10),
  "id" bigint,
  "name" varchar(100),
  "balance" numeric(12,2),
  "ratio" double precision,
  "note" text,
  "active" boolean,
  "opened" date,
  "updated" timestamptz,
  "doc" jsonb,
  "avatar" bytea
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "name", "balance", "ratio", "note", "active", "opened", "updated", "doc", "avatar") FROM STDIN;
MERGE INTO "app data"."accounts" AS t USING (
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."name") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "name",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."balance") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "balance",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."ratio") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "ratio",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."note") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "note",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."active") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "active",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."opened") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "opened",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."updated") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."doc") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "doc",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."avatar") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "avatar",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."id" = b."id"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "name" = CASE WHEN b."_cdc_u2" = 1 THEN t."name" ELSE b."name" END,
  "balance" = CASE WHEN b."_cdc_u3" = 1 THEN t."balance" ELSE b."balance" END,
  "ratio" = CASE WHEN b."_cdc_u4" = 1 THEN t."ratio" ELSE b."ratio" END,
  "note" = CASE WHEN b."_cdc_u5" = 1 THEN t."note" ELSE b."note" END,
  "active" = CASE WHEN b."_cdc_u6" = 1 THEN t."active" ELSE b."active" END,
  "opened" = CASE WHEN b."_cdc_u7" = 1 THEN t."opened" ELSE b."opened" END,
  "updated" = CASE WHEN b."_cdc_u8" = 1 THEN t."updated" ELSE b."updated" END,
  "doc" = CASE WHEN b."_cdc_u9" = 1 THEN t."doc" ELSE b."doc" END,
  "avatar" = CASE WHEN b."_cdc_u10" = 1 THEN t."avatar" ELSE b."avatar" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("id", "name", "balance", "ratio", "note", "active", "opened", "updated", "doc", "avatar")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."name" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."balance" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."ratio" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."note" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."active" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."opened" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."updated" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."doc" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."avatar" END);
DROP TABLE "cdcc_stage";

-- src.public.items -> pg."app data".items (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."items" (
  "tenant" integer NOT NULL,
  "sku" varchar(32) NOT NULL,
  "qty" integer,
  "descr" text,
  "_op" char(1),
  "_commit_ts" timestamptz,
  "_deleted" boolean DEFAULT FALSE NOT NULL,
  PRIMARY KEY ("tenant", "sku")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(7),
  "tenant" integer,
  "sku" varchar(32),
  "qty" integer,
  "descr" text,
  "_op" char(1),
  "_commit_ts" timestamptz
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "tenant", "sku", "qty", "descr", "_op", "_commit_ts") FROM STDIN;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."tenant", s."sku", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."qty") OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "qty",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."descr") OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "descr",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."tenant", s."sku", CASE WHEN s."tenant" IS NULL OR s."sku" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "app data"."items" AS t WHERE t."tenant" = "cdcc_batch"."tenant" AND t."sku" = "cdcc_batch"."sku");
MERGE INTO "app data"."items" AS t USING "cdcc_batch" AS b ON t."tenant" = b."tenant" AND t."sku" = b."sku"
WHEN MATCHED THEN UPDATE SET
  "qty" = CASE WHEN b."_cdc_u3" = 1 THEN t."qty" ELSE b."qty" END,
  "descr" = CASE WHEN b."_cdc_u4" = 1 THEN t."descr" ELSE b."descr" END,
  "_op" = CASE WHEN b."_cdc_u5" = 1 THEN t."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u6" = 1 THEN t."_commit_ts" ELSE b."_commit_ts" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("tenant", "sku", "qty", "descr", "_op", "_commit_ts", "_deleted")
  VALUES (b."tenant", b."sku", CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."qty" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."descr" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."_commit_ts" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.notes -> pg."app data".notes (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."notes" (
  "id" integer NOT NULL,
  "body" text,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(2),
  "id" integer,
  "body" text
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "body") FROM STDIN;
MERGE INTO "app data"."notes" AS t USING (
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."body") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "body",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2"
  FROM "cdcc_stage" s
  WHERE s."_cdc_op" <> 'D'
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "body" = CASE WHEN b."_cdc_u2" = 1 THEN t."body" ELSE b."body" END
WHEN NOT MATCHED THEN INSERT ("id", "body")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."body" END);
DROP TABLE "cdcc_stage";

-- src.public.events -> pg."app data".events (append)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."events" (
  "id" integer NOT NULL,
  "kind" varchar(20),
  "body" text
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "id" integer,
  "kind" varchar(20),
  "body" text
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "kind", "body") FROM STDIN;
INSERT INTO "app data"."events" ("id", "kind", "body")
SELECT s."id", s."kind", s."body"
FROM "cdcc_stage" AS s;
DROP TABLE "cdcc_stage";

-- src.public.codes -> pg."app data".codes (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."codes" (
  "code" varchar(20),
  "label" text,
  "id" integer NOT NULL,
  UNIQUE ("code")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "code" varchar(20),
  "label" text,
  "id" integer
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "code", "label", "id") FROM STDIN;
MERGE INTO "app data"."codes" AS t USING (
SELECT * FROM (
  SELECT s."code", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."code", CASE WHEN s."code" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."label") OVER (PARTITION BY s."code", CASE WHEN s."code" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "label",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."code", CASE WHEN s."code" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."id") OVER (PARTITION BY s."code", CASE WHEN s."code" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."code", CASE WHEN s."code" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."code" = b."code"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "label" = CASE WHEN b."_cdc_u2" = 1 THEN t."label" ELSE b."label" END,
  "id" = CASE WHEN b."_cdc_u3" = 1 THEN t."id" ELSE b."id" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("code", "label", "id")
  VALUES (b."code", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."label" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."id" END);
DROP TABLE "cdcc_stage";

-- src.public.tags -> pg."app data".tags (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."tags" (
  "tag" varchar(50) NOT NULL,
  PRIMARY KEY ("tag")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(1),
  "tag" varchar(50)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "tag") FROM STDIN;
MERGE INTO "app data"."tags" AS t USING (
SELECT * FROM (
  SELECT s."tag", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."tag", CASE WHEN s."tag" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."tag" = b."tag"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN DO NOTHING
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("tag")
  VALUES (b."tag");
DROP TABLE "cdcc_stage";

-- src.public."Order Items" -> pg."app data"."Order Items" (merge)
CREATE SCHEMA IF NOT EXISTS "app data";
CREATE TABLE IF NOT EXISTS "app data"."Order Items" (
  "select" integer NOT NULL,
  "we""ird" text,
  "naïve col" varchar(40),
  "Mixed" numeric(8,3),
  "a`b" text,
  PRIMARY KEY ("select")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(5),
  "select" integer,
  "we""ird" text,
  "naïve col" varchar(40),
  "Mixed" numeric(8,3),
  "a`b" text
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "select", "we""ird", "naïve col", "Mixed", "a`b") FROM STDIN;
MERGE INTO "app data"."Order Items" AS t USING (
SELECT * FROM (
  SELECT s."select", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."we""ird") OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "we""ird",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."naïve col") OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "naïve col",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."Mixed") OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "Mixed",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."a`b") OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "a`b",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."select", CASE WHEN s."select" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."select" = b."select"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "we""ird" = CASE WHEN b."_cdc_u2" = 1 THEN t."we""ird" ELSE b."we""ird" END,
  "naïve col" = CASE WHEN b."_cdc_u3" = 1 THEN t."naïve col" ELSE b."naïve col" END,
  "Mixed" = CASE WHEN b."_cdc_u4" = 1 THEN t."Mixed" ELSE b."Mixed" END,
  "a`b" = CASE WHEN b."_cdc_u5" = 1 THEN t."a`b" ELSE b."a`b" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("select", "we""ird", "naïve col", "Mixed", "a`b")
  VALUES (b."select", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."we""ird" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."naïve col" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."Mixed" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."a`b" END);
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc rt"."cdcc_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch)
INSERT INTO "cdcc rt"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, now())
  ON CONFLICT ("pipeline", "source") DO UPDATE SET "position" = EXCLUDED."position",
    "batch_id" = EXCLUDED."batch_id", "committed_at" = EXCLUDED."committed_at";
exit: 0
