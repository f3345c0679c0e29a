-- cdcc ddl --dialect athena --migrate-from: pipeline shop, from additive.cdc (sha256 b884ef42d8ac)
-- what changes since additive.old.cdc (sha256 860339526522); review it before running it, nothing is dropped

-- ==== target lake (s3) ====

-- app.public.orders -> lake.shop.orders (append)
DROP TABLE IF EXISTS `shop`.`orders`;
CREATE DATABASE IF NOT EXISTS `shop`;
CREATE EXTERNAL TABLE IF NOT EXISTS `shop`.`orders` (
  `id` bigint,
  `status` string,
  `amount` decimal(10,2),
  `qty` int,
  `placed` timestamp,
  `channel` string,
  `region` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://lake/shop/shop/orders/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://lake/shop/shop/orders/dt=${dt}/'
);
exit: 0
