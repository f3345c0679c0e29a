-- cdcc ddl --dialect redshift --migrate-from: pipeline shop, from additive.cdc (sha256 b884ef42d8ac)
-- what changes since additive.old.cdc (sha256 860339526522); review it before running it, nothing is dropped

-- ==== target dw (redshift) ====

-- app.public.orders -> dw.shop.orders (merge)
ALTER TABLE "shop"."orders" ALTER COLUMN "status" TYPE VARCHAR(160);
-- (Redshift runs ALTER COLUMN ... TYPE only outside a transaction block)
ALTER TABLE "shop"."orders" ADD COLUMN "channel" VARCHAR(65535) ENCODE LZO;
ALTER TABLE "shop"."orders" ADD COLUMN "region" VARCHAR(32) ENCODE ZSTD;
-- "region" is not null in the pipeline, but the table's existing rows have no value for it: it is added without NOT NULL
ALTER TABLE "shop"."orders" ADD COLUMN "_deleted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL;
-- column "note" is no longer written by the pipeline; it keeps its values (drop it by hand when nothing reads it)
ALTER TABLE "shop"."orders" ALTER COMPOUND SORTKEY ("placed", "status");
ALTER TABLE "shop"."orders" ALTER COLUMN "qty" ENCODE DELTA;

-- app.public.customers -> dw.shop.customers (merge)
ALTER TABLE "shop"."customers" ALTER COLUMN "email" TYPE VARCHAR(800);
-- (Redshift runs ALTER COLUMN ... TYPE only outside a transaction block)

-- app.public.refunds -> dw.shop.refunds (merge): new
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."refunds" (
  "id" BIGINT ENCODE AZ64 NOT NULL,
  "order_id" BIGINT ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("id")
)
DISTSTYLE AUTO;

-- dw.shop.legacy is no longer written by the pipeline; it keeps its rows (drop it by hand when nothing reads it)
exit: 0
