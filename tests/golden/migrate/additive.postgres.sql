-- cdcc ddl --dialect postgres --migrate-from: pipeline shop, from additive.cdc (sha256 b884ef42d8ac)
-- what changes since additive.old.cdc (sha256 860339526522); review it before running it, nothing is dropped

-- ==== target pg (postgres) ====

-- app.public.orders -> pg.shop.orders (merge)
ALTER TABLE "shop"."orders" ALTER COLUMN "status" TYPE varchar(40) USING "status"::varchar(40);
ALTER TABLE "shop"."orders" ADD COLUMN "channel" text;
ALTER TABLE "shop"."orders" ADD COLUMN "region" varchar(8);
-- "region" is not null in the pipeline, but the table's existing rows have no value for it: it is added without NOT NULL
-- column "note" is no longer written by the pipeline; it keeps its values (drop it by hand when nothing reads it)

-- app.public.customers -> pg.shop.customers (merge)
ALTER TABLE "shop"."customers" ALTER COLUMN "email" TYPE varchar(200) USING "email"::varchar(200);

-- app.public.refunds -> pg.shop.refunds (merge): new
CREATE SCHEMA IF NOT EXISTS "shop";
CREATE TABLE IF NOT EXISTS "shop"."refunds" (
  "id" bigint NOT NULL,
  "order_id" bigint NOT NULL,
  PRIMARY KEY ("id")
);

-- pg.shop.legacy is no longer written by the pipeline; it keeps its rows (drop it by hand when nothing reads it)
exit: 0
