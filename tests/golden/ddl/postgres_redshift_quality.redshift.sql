-- cdcc ddl --dialect redshift: pipeline shop_to_redshift, from postgres_redshift_quality.cdc (sha256 fe28d9c290d0)
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
CREATE TABLE IF NOT EXISTS "cdcc"."shop_quarantine" (
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

-- shop.public.customers -> dw.shop.customers (merge)
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."customers" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "phone" VARCHAR(65535) ENCODE ZSTD,
  "country" VARCHAR(8) ENCODE ZSTD,
  "marketing_opt_in" BOOLEAN ENCODE RAW NOT NULL,
  "created_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "updated_at" TIMESTAMPTZ ENCODE RAW NOT NULL,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_lsn" VARCHAR(1024) ENCODE ZSTD,
  "email_pseudo" VARCHAR(65535) ENCODE ZSTD,
  "email_domain" VARCHAR(65535) ENCODE ZSTD,
  "birth_year" SMALLINT ENCODE AZ64,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE KEY DISTKEY ("id")
COMPOUND SORTKEY ("updated_at");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(13),
  "id" BIGINT,
  "phone" VARCHAR(65535),
  "country" VARCHAR(8),
  "marketing_opt_in" BOOLEAN,
  "created_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ,
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_lsn" VARCHAR(1024),
  "email_pseudo" VARCHAR(65535),
  "email_domain" VARCHAR(65535),
  "birth_year" SMALLINT
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "phone", "country", "marketing_opt_in", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "email_pseudo", "email_domain", "birth_year")
FROM 's3://acme-cdc-staging/shop/{{batch}}/shop.customers.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."phone") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "phone",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."country") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "country",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."marketing_opt_in") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "marketing_opt_in",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."updated_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."_lsn") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_lsn",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."email_pseudo") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "email_pseudo",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."email_domain") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "email_domain",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11",
    FIRST_VALUE(s."birth_year") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "birth_year",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u12"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "shop"."customers" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "shop"."customers" USING "cdcc_batch" AS b ON "shop"."customers"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "phone" = CASE WHEN b."_cdc_u2" = 1 THEN "shop"."customers"."phone" ELSE b."phone" END,
  "country" = CASE WHEN b."_cdc_u3" = 1 THEN "shop"."customers"."country" ELSE b."country" END,
  "marketing_opt_in" = CASE WHEN b."_cdc_u4" = 1 THEN "shop"."customers"."marketing_opt_in" ELSE b."marketing_opt_in" END,
  "created_at" = CASE WHEN b."_cdc_u5" = 1 THEN "shop"."customers"."created_at" ELSE b."created_at" END,
  "updated_at" = CASE WHEN b."_cdc_u6" = 1 THEN "shop"."customers"."updated_at" ELSE b."updated_at" END,
  "_op" = CASE WHEN b."_cdc_u7" = 1 THEN "shop"."customers"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u8" = 1 THEN "shop"."customers"."_commit_ts" ELSE b."_commit_ts" END,
  "_lsn" = CASE WHEN b."_cdc_u9" = 1 THEN "shop"."customers"."_lsn" ELSE b."_lsn" END,
  "email_pseudo" = CASE WHEN b."_cdc_u10" = 1 THEN "shop"."customers"."email_pseudo" ELSE b."email_pseudo" END,
  "email_domain" = CASE WHEN b."_cdc_u11" = 1 THEN "shop"."customers"."email_domain" ELSE b."email_domain" END,
  "birth_year" = CASE WHEN b."_cdc_u12" = 1 THEN "shop"."customers"."birth_year" ELSE b."birth_year" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "phone", "country", "marketing_opt_in", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "email_pseudo", "email_domain", "birth_year", "_deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."phone" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."country" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."marketing_opt_in" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."updated_at" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."_lsn" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."email_pseudo" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."email_domain" END, CASE WHEN b."_cdc_u12" = 1 THEN NULL ELSE b."birth_year" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- shop.public.products -> dw.shop.products (merge)
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."products" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "sku" VARCHAR(128) ENCODE ZSTD NOT NULL,
  "product_name" VARCHAR(65535) ENCODE ZSTD NOT NULL,
  "category" VARCHAR(65535) ENCODE ZSTD,
  "unit_price" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "active" BOOLEAN ENCODE RAW NOT NULL,
  "created_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "updated_at" TIMESTAMPTZ ENCODE RAW NOT NULL,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_lsn" VARCHAR(1024) ENCODE ZSTD,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("updated_at");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(12),
  "id" BIGINT,
  "sku" VARCHAR(128),
  "product_name" VARCHAR(65535),
  "category" VARCHAR(65535),
  "unit_price" DECIMAL(12,2),
  "active" BOOLEAN,
  "created_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ,
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_lsn" VARCHAR(1024)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "sku", "product_name", "category", "unit_price", "active", "created_at", "updated_at", "_op", "_commit_ts", "_lsn")
FROM 's3://acme-cdc-staging/shop/{{batch}}/shop.products.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."sku") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "sku",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."product_name") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "product_name",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."category") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "category",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."unit_price") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "unit_price",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."active") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "active",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."updated_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."_lsn") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_lsn",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "shop"."products" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "shop"."products" USING "cdcc_batch" AS b ON "shop"."products"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "sku" = CASE WHEN b."_cdc_u2" = 1 THEN "shop"."products"."sku" ELSE b."sku" END,
  "product_name" = CASE WHEN b."_cdc_u3" = 1 THEN "shop"."products"."product_name" ELSE b."product_name" END,
  "category" = CASE WHEN b."_cdc_u4" = 1 THEN "shop"."products"."category" ELSE b."category" END,
  "unit_price" = CASE WHEN b."_cdc_u5" = 1 THEN "shop"."products"."unit_price" ELSE b."unit_price" END,
  "active" = CASE WHEN b."_cdc_u6" = 1 THEN "shop"."products"."active" ELSE b."active" END,
  "created_at" = CASE WHEN b."_cdc_u7" = 1 THEN "shop"."products"."created_at" ELSE b."created_at" END,
  "updated_at" = CASE WHEN b."_cdc_u8" = 1 THEN "shop"."products"."updated_at" ELSE b."updated_at" END,
  "_op" = CASE WHEN b."_cdc_u9" = 1 THEN "shop"."products"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u10" = 1 THEN "shop"."products"."_commit_ts" ELSE b."_commit_ts" END,
  "_lsn" = CASE WHEN b."_cdc_u11" = 1 THEN "shop"."products"."_lsn" ELSE b."_lsn" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "sku", "product_name", "category", "unit_price", "active", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "_deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."sku" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."product_name" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."category" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."unit_price" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."active" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."updated_at" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."_lsn" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- shop.public.orders -> dw.shop.orders (merge)
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."orders" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "customer_id" BIGINT ENCODE AZ64 NOT NULL,
  "status" VARCHAR(65535) ENCODE ZSTD,
  "currency" VARCHAR(12) ENCODE ZSTD NOT NULL,
  "subtotal" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "tax" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "shipping" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "discount" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "shipping_country" VARCHAR(8) ENCODE ZSTD,
  "placed_at" TIMESTAMPTZ ENCODE AZ64,
  "created_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "updated_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_lsn" VARCHAR(1024) ENCODE ZSTD,
  "order_total" DECIMAL(15,2) ENCODE AZ64,
  "order_date" DATE ENCODE RAW,
  "is_closed" BOOLEAN ENCODE RAW,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE KEY DISTKEY ("customer_id")
COMPOUND SORTKEY ("order_date", "id");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(19),
  "id" BIGINT,
  "customer_id" BIGINT,
  "status" VARCHAR(65535),
  "currency" VARCHAR(12),
  "subtotal" DECIMAL(12,2),
  "tax" DECIMAL(12,2),
  "shipping" DECIMAL(12,2),
  "discount" DECIMAL(12,2),
  "shipping_country" VARCHAR(8),
  "placed_at" TIMESTAMPTZ,
  "created_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ,
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_lsn" VARCHAR(1024),
  "order_total" DECIMAL(15,2),
  "order_date" DATE,
  "is_closed" BOOLEAN
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "customer_id", "status", "currency", "subtotal", "tax", "shipping", "discount", "shipping_country", "placed_at", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "order_total", "order_date", "is_closed")
FROM 's3://acme-cdc-staging/shop/{{batch}}/shop.orders.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."customer_id") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "customer_id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."status") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "status",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."currency") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "currency",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."subtotal") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "subtotal",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."tax") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "tax",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."shipping") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "shipping",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."discount") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "discount",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."shipping_country") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "shipping_country",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."placed_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "placed_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11",
    FIRST_VALUE(s."updated_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u12",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 13, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 13, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u13",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 14, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 14, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u14",
    FIRST_VALUE(s."_lsn") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 15, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_lsn",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 15, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u15",
    FIRST_VALUE(s."order_total") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 16, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "order_total",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 16, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u16",
    FIRST_VALUE(s."order_date") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 17, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "order_date",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 17, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u17",
    FIRST_VALUE(s."is_closed") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 18, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "is_closed",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 18, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u18"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "shop"."orders" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "shop"."orders" USING "cdcc_batch" AS b ON "shop"."orders"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "customer_id" = CASE WHEN b."_cdc_u2" = 1 THEN "shop"."orders"."customer_id" ELSE b."customer_id" END,
  "status" = CASE WHEN b."_cdc_u3" = 1 THEN "shop"."orders"."status" ELSE b."status" END,
  "currency" = CASE WHEN b."_cdc_u4" = 1 THEN "shop"."orders"."currency" ELSE b."currency" END,
  "subtotal" = CASE WHEN b."_cdc_u5" = 1 THEN "shop"."orders"."subtotal" ELSE b."subtotal" END,
  "tax" = CASE WHEN b."_cdc_u6" = 1 THEN "shop"."orders"."tax" ELSE b."tax" END,
  "shipping" = CASE WHEN b."_cdc_u7" = 1 THEN "shop"."orders"."shipping" ELSE b."shipping" END,
  "discount" = CASE WHEN b."_cdc_u8" = 1 THEN "shop"."orders"."discount" ELSE b."discount" END,
  "shipping_country" = CASE WHEN b."_cdc_u9" = 1 THEN "shop"."orders"."shipping_country" ELSE b."shipping_country" END,
  "placed_at" = CASE WHEN b."_cdc_u10" = 1 THEN "shop"."orders"."placed_at" ELSE b."placed_at" END,
  "created_at" = CASE WHEN b."_cdc_u11" = 1 THEN "shop"."orders"."created_at" ELSE b."created_at" END,
  "updated_at" = CASE WHEN b."_cdc_u12" = 1 THEN "shop"."orders"."updated_at" ELSE b."updated_at" END,
  "_op" = CASE WHEN b."_cdc_u13" = 1 THEN "shop"."orders"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u14" = 1 THEN "shop"."orders"."_commit_ts" ELSE b."_commit_ts" END,
  "_lsn" = CASE WHEN b."_cdc_u15" = 1 THEN "shop"."orders"."_lsn" ELSE b."_lsn" END,
  "order_total" = CASE WHEN b."_cdc_u16" = 1 THEN "shop"."orders"."order_total" ELSE b."order_total" END,
  "order_date" = CASE WHEN b."_cdc_u17" = 1 THEN "shop"."orders"."order_date" ELSE b."order_date" END,
  "is_closed" = CASE WHEN b."_cdc_u18" = 1 THEN "shop"."orders"."is_closed" ELSE b."is_closed" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "customer_id", "status", "currency", "subtotal", "tax", "shipping", "discount", "shipping_country", "placed_at", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "order_total", "order_date", "is_closed", "_deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."customer_id" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."status" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."currency" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."subtotal" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."tax" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."shipping" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."discount" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."shipping_country" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."placed_at" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u12" = 1 THEN NULL ELSE b."updated_at" END, CASE WHEN b."_cdc_u13" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u14" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u15" = 1 THEN NULL ELSE b."_lsn" END, CASE WHEN b."_cdc_u16" = 1 THEN NULL ELSE b."order_total" END, CASE WHEN b."_cdc_u17" = 1 THEN NULL ELSE b."order_date" END, CASE WHEN b."_cdc_u18" = 1 THEN NULL ELSE b."is_closed" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- shop.public.order_items -> dw.shop.order_items (merge)
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."order_items" (
  "order_id" BIGINT ENCODE RAW NOT NULL,
  "line_no" INTEGER ENCODE AZ64 NOT NULL,
  "product_id" BIGINT ENCODE AZ64 NOT NULL,
  "quantity" INTEGER ENCODE AZ64 NOT NULL,
  "unit_price" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "created_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "updated_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_lsn" VARCHAR(1024) ENCODE ZSTD,
  "line_total" DECIMAL(22,2) ENCODE AZ64,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("order_id", "line_no")
)
DISTSTYLE KEY DISTKEY ("order_id")
COMPOUND SORTKEY ("order_id", "line_no");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(12),
  "order_id" BIGINT,
  "line_no" INTEGER,
  "product_id" BIGINT,
  "quantity" INTEGER,
  "unit_price" DECIMAL(12,2),
  "created_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ,
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_lsn" VARCHAR(1024),
  "line_total" DECIMAL(22,2)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "order_id", "line_no", "product_id", "quantity", "unit_price", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "line_total")
FROM 's3://acme-cdc-staging/shop/{{batch}}/shop.order_items.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."order_id", s."line_no", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."product_id") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "product_id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."quantity") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "quantity",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."unit_price") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "unit_price",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."updated_at") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."_lsn") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_lsn",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."line_total") OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "line_total",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."order_id", s."line_no", CASE WHEN s."order_id" IS NULL OR s."line_no" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "shop"."order_items" AS t WHERE t."order_id" = "cdcc_batch"."order_id" AND t."line_no" = "cdcc_batch"."line_no");
MERGE INTO "shop"."order_items" USING "cdcc_batch" AS b ON "shop"."order_items"."order_id" = b."order_id" AND "shop"."order_items"."line_no" = b."line_no"
WHEN MATCHED THEN UPDATE SET
  "product_id" = CASE WHEN b."_cdc_u3" = 1 THEN "shop"."order_items"."product_id" ELSE b."product_id" END,
  "quantity" = CASE WHEN b."_cdc_u4" = 1 THEN "shop"."order_items"."quantity" ELSE b."quantity" END,
  "unit_price" = CASE WHEN b."_cdc_u5" = 1 THEN "shop"."order_items"."unit_price" ELSE b."unit_price" END,
  "created_at" = CASE WHEN b."_cdc_u6" = 1 THEN "shop"."order_items"."created_at" ELSE b."created_at" END,
  "updated_at" = CASE WHEN b."_cdc_u7" = 1 THEN "shop"."order_items"."updated_at" ELSE b."updated_at" END,
  "_op" = CASE WHEN b."_cdc_u8" = 1 THEN "shop"."order_items"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u9" = 1 THEN "shop"."order_items"."_commit_ts" ELSE b."_commit_ts" END,
  "_lsn" = CASE WHEN b."_cdc_u10" = 1 THEN "shop"."order_items"."_lsn" ELSE b."_lsn" END,
  "line_total" = CASE WHEN b."_cdc_u11" = 1 THEN "shop"."order_items"."line_total" ELSE b."line_total" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("order_id", "line_no", "product_id", "quantity", "unit_price", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "line_total", "_deleted")
  VALUES (b."order_id", b."line_no", CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."product_id" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."quantity" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."unit_price" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."updated_at" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."_lsn" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."line_total" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- shop.public.payments -> dw.shop.payments (merge)
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."payments" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "order_id" BIGINT ENCODE AZ64 NOT NULL,
  "method" VARCHAR(64) ENCODE ZSTD NOT NULL,
  "amount" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "reference" VARCHAR(256) ENCODE ZSTD,
  "status" VARCHAR(64) ENCODE ZSTD NOT NULL,
  "created_at" TIMESTAMPTZ ENCODE AZ64 NOT NULL,
  "updated_at" TIMESTAMPTZ ENCODE RAW NOT NULL,
  "_op" VARCHAR(4) ENCODE ZSTD,
  "_commit_ts" TIMESTAMPTZ ENCODE AZ64,
  "_lsn" VARCHAR(1024) ENCODE ZSTD,
  "card_last4" VARCHAR(65535) ENCODE ZSTD,
  "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE KEY DISTKEY ("order_id")
COMPOUND SORTKEY ("updated_at");

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMP TABLE "cdcc_stage" (
  "_cdc_seq" BIGINT NOT NULL,
  "_cdc_op" CHAR(1) NOT NULL,
  "_cdc_unchanged" VARCHAR(13),
  "id" BIGINT,
  "order_id" BIGINT,
  "method" VARCHAR(64),
  "amount" DECIMAL(12,2),
  "reference" VARCHAR(256),
  "status" VARCHAR(64),
  "created_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ,
  "_op" VARCHAR(4),
  "_commit_ts" TIMESTAMPTZ,
  "_lsn" VARCHAR(1024),
  "card_last4" VARCHAR(65535)
);
COPY "cdcc_stage" ("_cdc_seq", "_cdc_op", "_cdc_unchanged", "id", "order_id", "method", "amount", "reference", "status", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "card_last4")
FROM 's3://acme-cdc-staging/shop/{{batch}}/shop.payments.manifest'
IAM_ROLE '{{iam_role}}'
MANIFEST FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF;
CREATE TEMP TABLE "cdcc_batch" AS
SELECT * FROM (
  SELECT s."id", s."_cdc_op",
    ROW_NUMBER() OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY s."_cdc_seq" DESC) AS "_cdc_rn",
    MAX(CASE WHEN s."_cdc_op" <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_upsert",
    FIRST_VALUE(s."order_id") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "order_id",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u2",
    FIRST_VALUE(s."method") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "method",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u3",
    FIRST_VALUE(s."amount") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "amount",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u4",
    FIRST_VALUE(s."reference") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "reference",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u5",
    FIRST_VALUE(s."status") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "status",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u6",
    FIRST_VALUE(s."created_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "created_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u7",
    FIRST_VALUE(s."updated_at") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "updated_at",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u8",
    FIRST_VALUE(s."_op") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_op",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u9",
    FIRST_VALUE(s."_commit_ts") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_commit_ts",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u10",
    FIRST_VALUE(s."_lsn") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "_lsn",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u11",
    FIRST_VALUE(s."card_last4") OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END ORDER BY CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END, s."_cdc_seq" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "card_last4",
    MIN(CASE WHEN SUBSTRING(COALESCE(s."_cdc_unchanged", ''), 12, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s."id", CASE WHEN s."id" IS NULL THEN s."_cdc_seq" END) AS "_cdc_u12"
  FROM "cdcc_stage" s
) x
WHERE x."_cdc_rn" = 1;
DELETE FROM "cdcc_batch" WHERE "_cdc_op" = 'D' AND "_cdc_upsert" = 0 AND NOT EXISTS (SELECT 1 FROM "shop"."payments" AS t WHERE t."id" = "cdcc_batch"."id");
MERGE INTO "shop"."payments" USING "cdcc_batch" AS b ON "shop"."payments"."id" = b."id"
WHEN MATCHED THEN UPDATE SET
  "order_id" = CASE WHEN b."_cdc_u2" = 1 THEN "shop"."payments"."order_id" ELSE b."order_id" END,
  "method" = CASE WHEN b."_cdc_u3" = 1 THEN "shop"."payments"."method" ELSE b."method" END,
  "amount" = CASE WHEN b."_cdc_u4" = 1 THEN "shop"."payments"."amount" ELSE b."amount" END,
  "reference" = CASE WHEN b."_cdc_u5" = 1 THEN "shop"."payments"."reference" ELSE b."reference" END,
  "status" = CASE WHEN b."_cdc_u6" = 1 THEN "shop"."payments"."status" ELSE b."status" END,
  "created_at" = CASE WHEN b."_cdc_u7" = 1 THEN "shop"."payments"."created_at" ELSE b."created_at" END,
  "updated_at" = CASE WHEN b."_cdc_u8" = 1 THEN "shop"."payments"."updated_at" ELSE b."updated_at" END,
  "_op" = CASE WHEN b."_cdc_u9" = 1 THEN "shop"."payments"."_op" ELSE b."_op" END,
  "_commit_ts" = CASE WHEN b."_cdc_u10" = 1 THEN "shop"."payments"."_commit_ts" ELSE b."_commit_ts" END,
  "_lsn" = CASE WHEN b."_cdc_u11" = 1 THEN "shop"."payments"."_lsn" ELSE b."_lsn" END,
  "card_last4" = CASE WHEN b."_cdc_u12" = 1 THEN "shop"."payments"."card_last4" ELSE b."card_last4" END,
  "_deleted" = b."_cdc_op" = 'D'
WHEN NOT MATCHED THEN INSERT ("id", "order_id", "method", "amount", "reference", "status", "created_at", "updated_at", "_op", "_commit_ts", "_lsn", "card_last4", "_deleted")
  VALUES (b."id", CASE WHEN b."_cdc_u2" = 1 THEN NULL ELSE b."order_id" END, CASE WHEN b."_cdc_u3" = 1 THEN NULL ELSE b."method" END, CASE WHEN b."_cdc_u4" = 1 THEN NULL ELSE b."amount" END, CASE WHEN b."_cdc_u5" = 1 THEN NULL ELSE b."reference" END, CASE WHEN b."_cdc_u6" = 1 THEN NULL ELSE b."status" END, CASE WHEN b."_cdc_u7" = 1 THEN NULL ELSE b."created_at" END, CASE WHEN b."_cdc_u8" = 1 THEN NULL ELSE b."updated_at" END, CASE WHEN b."_cdc_u9" = 1 THEN NULL ELSE b."_op" END, CASE WHEN b."_cdc_u10" = 1 THEN NULL ELSE b."_commit_ts" END, CASE WHEN b."_cdc_u11" = 1 THEN NULL ELSE b."_lsn" END, CASE WHEN b."_cdc_u12" = 1 THEN NULL ELSE b."card_last4" END, b."_cdc_op" = 'D');
DROP TABLE "cdcc_batch";
DROP TABLE "cdcc_stage";

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change ($1 .. $9)
INSERT INTO "cdcc"."shop_quarantine" ("pipeline", "table_name", "rule", "reason", "line", "op", "position", "commit_time", "row", "quarantined_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());
-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift
DELETE FROM "cdcc"."cdcc_checkpoints" WHERE "pipeline" = $1 AND "source" = $2;
INSERT INTO "cdcc"."cdcc_checkpoints" ("pipeline", "source", "position", "batch_id", "committed_at")
  VALUES ($1, $2, $3, $4, GETDATE());
exit: 0
