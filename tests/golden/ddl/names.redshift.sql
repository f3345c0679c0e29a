-- cdcc ddl --dialect redshift: pipeline names_test, from names.cdc (sha256 62e072a99f81)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target dw (redshift) ====
CREATE SCHEMA IF NOT EXISTS "cdcc ops";
CREATE TABLE IF NOT EXISTS "cdcc ops"."cdcc_checkpoints" (
  "pipeline"     VARCHAR(512) NOT NULL,
  "source"       VARCHAR(512) NOT NULL,
  "position"     VARCHAR(512) NOT NULL,
  "batch_id"     BIGINT NOT NULL,
  "committed_at" TIMESTAMPTZ NOT NULL,
  PRIMARY KEY ("pipeline", "source")
) DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS "cdcc ops"."cdcc_quarantine" (
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

-- src.public."Order ""Items""" -> dw."Sales Data"."Order ""Items""" (merge)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."order ""items""" (
  "order" BIGINT ENCODE AZ64 NOT NULL,
  "we""ird" VARCHAR(65535) ENCODE ZSTD,
  "naïve col" VARCHAR(160) ENCODE ZSTD,
  "a`b" INTEGER ENCODE AZ64,
  "from" SUPER ENCODE ZSTD,
  "x;--y" DECIMAL(8,3) ENCODE AZ64,
  "größe" VARBYTE(1024000) ENCODE ZSTD,
  PRIMARY KEY ("order")
)
DISTSTYLE AUTO;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(7),
  "order" BIGINT,
  "we""ird" VARCHAR(65535),
  "naïve col" VARCHAR(160),
  "a`b" INTEGER,
  "from" VARCHAR(65535),
  "x;--y" DECIMAL(8,3),
  "größe" VARBYTE(1024000)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "order", "we""ird", "naïve col", "a`b", "from", "x;--y", "größe")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.Order%20%22Items%22.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
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
    FIRST_VALUE(s."größe") OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "größe",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order", CASE WHEN s."order" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "sales data"."order ""items""" USING "cdcc_batch" WHERE "sales data"."order ""items"""."order" = "cdcc_batch"."order" AND "cdcc_batch"."_cdc_op" = 'D';
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D';
MERGE INTO "sales data"."order ""items""" USING "cdcc_batch" AS b ON "sales data"."order ""items"""."order" = b."order"
WHEN MATCHED THEN UPDATE SET
  "we""ird" = CASE WHEN b."_cdc_u2" = 1 THEN "sales data"."order ""items"""."we""ird" ELSE b."we""ird" END,
  "naïve col" = CASE WHEN b."_cdc_u3" = 1 THEN "sales data"."order ""items"""."naïve col" ELSE b."naïve col" END,
  "a`b" = CASE WHEN b."_cdc_u4" = 1 THEN "sales data"."order ""items"""."a`b" ELSE b."a`b" END,
  "from" = CASE WHEN b."_cdc_u5" = 1 THEN "sales data"."order ""items"""."from" ELSE JSON_PARSE(b."from") END,
  "x;--y" = CASE WHEN b."_cdc_u6" = 1 THEN "sales data"."order ""items"""."x;--y" ELSE b."x;--y" END,
  "größe" = CASE WHEN b."_cdc_u7" = 1 THEN "sales data"."order ""items"""."größe" ELSE b."größe" END
WHEN NOT MATCHED THEN INSERT ("order", "we""ird", "naïve col", "a`b", "from", "x;--y", "größe")
  VALUES (b."order", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."we""ird" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."naïve col" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."a`b" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE JSON_PARSE(b."from") END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."x;--y" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."größe" END);
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.select -> dw."Sales Data".select (merge)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."select" (
  "group" INTEGER ENCODE AZ64 NOT NULL,
  "where" VARCHAR(40) ENCODE ZSTD NOT NULL,
  "table" BOOLEAN ENCODE RAW,
  PRIMARY KEY ("group", "where")
)
DISTSTYLE AUTO;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "group" INTEGER,
  "where" VARCHAR(40),
  "table" BOOLEAN
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "group", "where", "table")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.select.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."group", s."where", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."table") OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "table",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."group", s."where", CASE WHEN s."group" IS NULL OR s."where" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "sales data"."select" USING "cdcc_batch" WHERE "sales data"."select"."group" = "cdcc_batch"."group" AND "sales data"."select"."where" = "cdcc_batch"."where" AND "cdcc_batch"."_cdc_op" = 'D';
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D';
MERGE INTO "sales data"."select" USING "cdcc_batch" AS b ON "sales data"."select"."group" = b."group" AND "sales data"."select"."where" = b."where"
WHEN MATCHED THEN UPDATE SET
  "table" = CASE WHEN b."_cdc_u3" = 1 THEN "sales data"."select"."table" ELSE b."table" END
WHEN NOT MATCHED THEN INSERT ("group", "where", "table")
  VALUES (b."group", b."where", CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."table" END);
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.plain -> dw."Sales Data".plain (merge)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."plain" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "status" VARCHAR(64) ENCODE BYTEDICT,
  "amount" DECIMAL(12,2) ENCODE AZ64,
  "note" VARCHAR(65535) ENCODE LZO,
  "tags" SUPER ENCODE ZSTD,
  "placed" TIMESTAMPTZ ENCODE RAW,
  "is deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE KEY DISTKEY ("id")
INTERLEAVED SORTKEY ("placed", "status");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(7),
  "id" BIGINT,
  "status" VARCHAR(64),
  "amount" DECIMAL(12,2),
  "note" VARCHAR(65535),
  "tags" VARCHAR(65535),
  "placed" TIMESTAMPTZ
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "status", "amount", "note", "tags", "placed")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.plain.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
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
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "sales data"."plain" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "sales data"."plain" USING "cdcc_batch" AS b ON "sales data"."plain"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "status" = CASE WHEN b."_cdc_u2" = 1 THEN "sales data"."plain"."status" ELSE b."status" END,
  "amount" = CASE WHEN b."_cdc_u3" = 1 THEN "sales data"."plain"."amount" ELSE b."amount" END,
  "note" = CASE WHEN b."_cdc_u4" = 1 THEN "sales data"."plain"."note" ELSE b."note" END,
  "tags" = CASE WHEN b."_cdc_u5" = 1 THEN "sales data"."plain"."tags" ELSE JSON_PARSE(b."tags") END,
  "placed" = CASE WHEN b."_cdc_u6" = 1 THEN "sales data"."plain"."placed" ELSE b."placed" END,
  "is deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "status", "amount", "note", "tags", "placed", "is deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."status" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."amount" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."note" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE JSON_PARSE(b."tags") END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."placed" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.events -> dw."Sales Data".events (merge)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."events" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "kind" VARCHAR(80) ENCODE ZSTD,
  "at" TIMESTAMP ENCODE AZ64,
  PRIMARY KEY ("id")
)
DISTSTYLE AUTO;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "id" BIGINT,
  "kind" VARCHAR(80),
  "at" TIMESTAMP
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "kind", "at")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.events.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    FIRST_VALUE(s."kind") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "kind",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "sales data"."events" USING "cdcc_batch" WHERE "sales data"."events"."id" = "cdcc_batch"."id" AND "cdcc_batch"."_cdc_op" = 'D';
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D';
MERGE INTO "sales data"."events" USING "cdcc_batch" AS b ON "sales data"."events"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "kind" = CASE WHEN b."_cdc_u2" = 1 THEN "sales data"."events"."kind" ELSE b."kind" END,
  "at" = CASE WHEN b."_cdc_u3" = 1 THEN "sales data"."events"."at" ELSE b."at" END
WHEN NOT MATCHED THEN INSERT ("id", "kind", "at")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."kind" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."at" END);
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.events -> dw."Sales Data".events_history (append)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."events_history" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "kind" VARCHAR(80) ENCODE ZSTD,
  "at" TIMESTAMP ENCODE RAW
)
DISTSTYLE EVEN
COMPOUND SORTKEY ("at", "id");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(3),
  "id" BIGINT,
  "kind" VARCHAR(80),
  "at" TIMESTAMP
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "kind", "at")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.events_history.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
INSERT INTO "sales data"."events_history" ("id", "kind", "at")
SELECT s."id", s."kind", s."at"
FROM "cdcc_stage" AS s;
DROP TABLE "cdcc_stage";

-- src.public.tags -> dw."Sales Data".tags (merge)
CREATE SCHEMA IF NOT EXISTS "sales data";
CREATE TABLE IF NOT EXISTS "sales data"."tags" (
  "tag" VARCHAR(256) ENCODE ZSTD NOT NULL,
  PRIMARY KEY ("tag")
)
DISTSTYLE AUTO;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(1),
  "tag" VARCHAR(256)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "tag")
FROM 's3://stage/it''s/{{batch}}/Sales%20Data.tags.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."tag", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."tag", CASE WHEN s."tag" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "sales data"."tags" USING "cdcc_batch" WHERE "sales data"."tags"."tag" = "cdcc_batch"."tag" AND "cdcc_batch"."_cdc_op" = 'D';
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D';
MERGE INTO "sales data"."tags" USING "cdcc_batch" AS b ON "sales data"."tags"."tag" = b."tag"
WHEN MATCHED THEN UPDATE SET "tag" = b."tag"
WHEN NOT MATCHED THEN INSERT ("tag")
  VALUES (b."tag");
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc ops"."cdcc_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row", "quarantined_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift
DELETE FROM "cdcc ops"."cdcc_checkpoints" WHERE "pipeline" = $1 AND "source" = $2;
INSERT INTO "cdcc ops"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, GETDATE());

-- ==== target rs2 (redshift) ====
CREATE SCHEMA IF NOT EXISTS "cdcc";
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_checkpoints" (
  "pipeline"     VARCHAR(512) NOT NULL,
  "source"       VARCHAR(512) NOT NULL,
  "position"     VARCHAR(512) NOT NULL,
  "batch_id"     BIGINT NOT NULL,
  "committed_at" TIMESTAMPTZ NOT NULL,
  PRIMARY KEY ("pipeline", "source")
) DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS "cdcc"."cdcc_quarantine" (
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

-- src.public.plain -> rs2.dw.plain (merge)
CREATE SCHEMA IF NOT EXISTS "dw";
CREATE TABLE IF NOT EXISTS "dw"."plain" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "status" VARCHAR(64) ENCODE ZSTD,
  "amount" DECIMAL(12,2) ENCODE AZ64,
  "note" VARCHAR(65535) ENCODE ZSTD,
  "tags" SUPER ENCODE ZSTD,
  "placed" TIMESTAMPTZ ENCODE RAW,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE AUTO
COMPOUND SORTKEY ("placed");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(7),
  "id" BIGINT,
  "status" VARCHAR(64),
  "amount" DECIMAL(12,2),
  "note" VARCHAR(65535),
  "tags" VARCHAR(65535),
  "placed" TIMESTAMPTZ
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "status", "amount", "note", "tags", "placed")
FROM 's3://stage/rs2/{{batch}}/dw.plain.manifest'
IAM_ROLE default
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
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
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "dw"."plain" AS t WHERE t."id" = "cdcc_batch"."id");
CREATE TEMP TABLE "cdcc_rows" AS
SELECT b."id" AS "id",
  CASE WHEN b."_cdc_u2" = 1 THEN t."status" ELSE b."status" END AS "status",
  CASE WHEN b."_cdc_u3" = 1 THEN t."amount" ELSE b."amount" END AS "amount",
  CASE WHEN b."_cdc_u4" = 1 THEN t."note" ELSE b."note" END AS "note",
  CASE WHEN b."_cdc_u5" = 1 THEN t."tags" ELSE JSON_PARSE(b."tags") END AS "tags",
  CASE WHEN b."_cdc_u6" = 1 THEN t."placed" ELSE b."placed" END AS "placed",
  b."_cdc_op" = 'D' AS "_deleted"
FROM "cdcc_batch" AS b LEFT JOIN "dw"."plain" AS t ON t."id" = b."id";
DELETE FROM "dw"."plain" USING "cdcc_batch" WHERE "dw"."plain"."id" = "cdcc_batch"."id";
INSERT INTO "dw"."plain" ("id", "status", "amount", "note", "tags", "placed", "_deleted")
SELECT "id", "status", "amount", "note", "tags", "placed", "_deleted" FROM "cdcc_rows";
DROP TABLE "cdcc_rows";
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- src.public.tags -> rs2.dw.tags (merge)
CREATE SCHEMA IF NOT EXISTS "dw";
CREATE TABLE IF NOT EXISTS "dw"."tags" (
  "tag" VARCHAR(256) ENCODE ZSTD NOT NULL,
  PRIMARY KEY ("tag")
)
DISTSTYLE AUTO;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(1),
  "tag" VARCHAR(256)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "tag")
FROM 's3://stage/rs2/{{batch}}/dw.tags.manifest'
IAM_ROLE default
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."tag", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."tag", CASE WHEN s."tag" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
CREATE TEMP TABLE "cdcc_rows" AS
SELECT b."tag" AS "tag"
FROM "cdcc_batch" AS b LEFT JOIN "dw"."tags" AS t ON t."tag" = b."tag"
WHERE b."_cdc_op" <> 'D';
DELETE FROM "dw"."tags" USING "cdcc_batch" WHERE "dw"."tags"."tag" = "cdcc_batch"."tag";
INSERT INTO "dw"."tags" ("tag")
SELECT "tag" FROM "cdcc_rows";
DROP TABLE "cdcc_rows";
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc"."cdcc_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row", "quarantined_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift
DELETE FROM "cdcc"."cdcc_checkpoints" WHERE "pipeline" = $1 AND "source" = $2;
INSERT INTO "cdcc"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, GETDATE());
exit: 0
