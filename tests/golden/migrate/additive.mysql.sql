-- cdcc ddl --dialect mysql --migrate-from: pipeline shop, from additive.cdc (sha256 b884ef42d8ac)
-- what changes since additive.old.cdc (sha256 860339526522); review it before running it, nothing is dropped

-- ==== target my (mysql) ====

-- app.public.orders -> my.shop.orders (merge)
ALTER TABLE `shop`.`orders` MODIFY COLUMN `status` VARCHAR(40);
ALTER TABLE `shop`.`orders` ADD COLUMN `channel` LONGTEXT;
ALTER TABLE `shop`.`orders` ADD COLUMN `region` VARCHAR(8);
-- "region" is not null in the pipeline, but the table's existing rows have no value for it: it is added without NOT NULL
-- column "note" is no longer written by the pipeline; it keeps its values (drop it by hand when nothing reads it)

-- app.public.customers -> my.shop.customers (merge)
ALTER TABLE `shop`.`customers` MODIFY COLUMN `email` VARCHAR(200);

-- app.public.refunds -> my.shop.refunds (merge): new
CREATE DATABASE IF NOT EXISTS `shop` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `shop`.`refunds` (
  `id` BIGINT NOT NULL,
  `order_id` BIGINT NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- my.shop.legacy is no longer written by the pipeline; it keeps its rows (drop it by hand when nothing reads it)
exit: 0
