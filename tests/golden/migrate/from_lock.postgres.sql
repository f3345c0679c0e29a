-- cdcc ddl --dialect postgres --migrate-from: pipeline locked, from from_lock.cdc (sha256 b2a44044933c)
-- what changes since the sources as the schema lock from_lock.old.lock.json records them; review it before running it, nothing is dropped

-- ==== target pg (postgres) ====

-- app.public.orders -> pg.app.orders (merge)
ALTER TABLE "app"."orders" ALTER COLUMN "status" TYPE varchar(40) USING "status"::varchar(40);
ALTER TABLE "app"."orders" ADD COLUMN "total" numeric(14,2);
exit: 0
