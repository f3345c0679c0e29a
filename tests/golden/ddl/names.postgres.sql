-- cdcc ddl --dialect postgres: pipeline names_test, from names.cdc (sha256 62e072a99f81)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target pgt (postgres) ====
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

-- src.public."Order ""Items""" -> pgt."Sales Data"."Order ""Items""" (merge)
CREATE SCHEMA IF NOT EXISTS "Sales Data";
CREATE TABLE IF NOT EXISTS "Sales Data"."Order ""Items""" (
  "order" bigint NOT NULL,
  "we""ird" text,
  "naïve col" varchar(40),
  "a`b" integer,
  "from" jsonb,
  "x;--y" numeric(8,3),
  "Größe" bytea,
  PRIMARY KEY ("order")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(7),
  "order" bigint,
  "we""ird" text,
  "naïve col" varchar(40),
  "a`b" integer,
  "from" jsonb,
  "x;--y" numeric(8,3),
  "Größe" bytea
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "order", "we""ird", "naïve col", "a`b", "from", "x;--y", "Größe") FROM STDIN;
MERGE INTO "Sales Data"."Order ""Items""" AS t USING (
SELECT * FROM (
  SELECT s."order", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."we""ird") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "we""ird",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."naïve col") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "naïve col",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."a`b") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "a`b",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."from") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "from",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."x;--y") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "x;--y",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."Größe") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "Größe",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."order" = b."order"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "we""ird" = CASE WHEN b."_cdc_u2" = 1 THEN t."we""ird" ELSE b."we""ird" END,
  "naïve col" = CASE WHEN b."_cdc_u3" = 1 THEN t."naïve col" ELSE b."naïve col" END,
  "a`b" = CASE WHEN b."_cdc_u4" = 1 THEN t."a`b" ELSE b."a`b" END,
  "from" = CASE WHEN b."_cdc_u5" = 1 THEN t."from" ELSE b."from" END,
  "x;--y" = CASE WHEN b."_cdc_u6" = 1 THEN t."x;--y" ELSE b."x;--y" END,
  "Größe" = CASE WHEN b."_cdc_u7" = 1 THEN t."Größe" ELSE b."Größe" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("order", "we""ird", "naïve col", "a`b", "from", "x;--y", "Größe")
  VALUES (b."order", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."we""ird" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."naïve col" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."a`b" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."from" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."x;--y" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."Größe" END);
DROP TABLE "cdcc_stage";

-- src.public.select -> pgt."Sales Data".select (merge)
CREATE SCHEMA IF NOT EXISTS "Sales Data";
CREATE TABLE IF NOT EXISTS "Sales Data"."select" (
  "group" integer NOT NULL,
  "where" varchar(10) NOT NULL,
  "table" boolean,
  PRIMARY KEY ("group", "where")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "group" integer,
  "where" varchar(10),
  "table" boolean
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "group", "where", "table") FROM STDIN;
MERGE INTO "Sales Data"."select" AS t USING (
SELECT * FROM (
  SELECT s."group", s."where", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."table") OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "table",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."group" = b."group" AND t."where" = b."where"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "table" = CASE WHEN b."_cdc_u3" = 1 THEN t."table" ELSE b."table" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("group", "where", "table")
  VALUES (b."group", b."where", CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."table" END);
DROP TABLE "cdcc_stage";

-- src.public.plain -> pgt."Sales Data".plain (merge)
CREATE SCHEMA IF NOT EXISTS "Sales Data";
CREATE TABLE IF NOT EXISTS "Sales Data"."plain" (
  "id" bigint NOT NULL,
  "status" varchar(16),
  "amount" numeric(12,2),
  "note" text,
  "tags" text[],
  "placed" timestamptz,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(6),
  "id" bigint,
  "status" varchar(16),
  "amount" numeric(12,2),
  "note" text,
  "tags" text[],
  "placed" timestamptz
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "status", "amount", "note", "tags", "placed") FROM STDIN;
MERGE INTO "Sales Data"."plain" AS t USING (
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."status") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "status",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."amount") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "amount",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."note") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "note",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."tags") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "tags",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."placed") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "placed",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."id" = b."id"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "status" = CASE WHEN b."_cdc_u2" = 1 THEN t."status" ELSE b."status" END,
  "amount" = CASE WHEN b."_cdc_u3" = 1 THEN t."amount" ELSE b."amount" END,
  "note" = CASE WHEN b."_cdc_u4" = 1 THEN t."note" ELSE b."note" END,
  "tags" = CASE WHEN b."_cdc_u5" = 1 THEN t."tags" ELSE b."tags" END,
  "placed" = CASE WHEN b."_cdc_u6" = 1 THEN t."placed" ELSE b."placed" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("id", "status", "amount", "note", "tags", "placed")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."status" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."amount" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."note" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."tags" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."placed" END);
DROP TABLE "cdcc_stage";

-- src.public.events -> pgt."Sales Data".events (merge)
CREATE SCHEMA IF NOT EXISTS "Sales Data";
CREATE TABLE IF NOT EXISTS "Sales Data"."events" (
  "id" bigint NOT NULL,
  "kind" varchar(20),
  "at" timestamp,
  PRIMARY KEY ("id")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "id" bigint,
  "kind" varchar(20),
  "at" timestamp
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "kind", "at") FROM STDIN;
MERGE INTO "Sales Data"."events" AS t USING (
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."kind") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "kind",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1
) AS b ON t."id" = b."id"
WHEN MATCHED AND b."_cdc_op" = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET
  "kind" = CASE WHEN b."_cdc_u2" = 1 THEN t."kind" ELSE b."kind" END,
  "at" = CASE WHEN b."_cdc_u3" = 1 THEN t."at" ELSE b."at" END
WHEN NOT MATCHED AND b."_cdc_op" <> 'D' THEN INSERT ("id", "kind", "at")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."kind" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."at" END);
DROP TABLE "cdcc_stage";

-- src.public.tags -> pgt."Sales Data".tags (merge)
CREATE SCHEMA IF NOT EXISTS "Sales Data";
CREATE TABLE IF NOT EXISTS "Sales Data"."tags" (
  "tag" varchar(64) NOT NULL,
  PRIMARY KEY ("tag")
);

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(1),
  "tag" varchar(64)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "tag") FROM STDIN;
MERGE INTO "Sales Data"."tags" AS t USING (
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
