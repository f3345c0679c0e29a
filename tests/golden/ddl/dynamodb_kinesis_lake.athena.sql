-- cdcc ddl --dialect athena: pipeline sales_orders_lake, from dynamodb_kinesis_lake.cdc (sha256 fe99dac999d2)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target lake (s3) ====
CREATE DATABASE IF NOT EXISTS `cdcc`;
CREATE EXTERNAL TABLE IF NOT EXISTS `cdcc`.`_quarantine` (
  `pipeline` string,
  `table_name` string,
  `rule` string,
  `reason` string,
  `line` int,
  `op` string,
  `position` string,
  `commit_time` timestamp,
  `row` string
)
PARTITIONED BY (`dt` string, `hr` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://acme-sales-lake/cdc/_quarantine/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'projection.hr.digits' = '2',
  'storage.location.template' = 's3://acme-sales-lake/cdc/_quarantine/dt=${dt}/hr=${hr}/'
);

-- orders_stream.orders -> lake.sales.orders_changes (append)
CREATE DATABASE IF NOT EXISTS `sales`;
CREATE EXTERNAL TABLE IF NOT EXISTS `sales`.`orders_changes` (
  `order_id` string,
  `customer_id` string,
  `product_name` string,
  `category` string,
  `quantity` int,
  `price` decimal(10,2),
  `order_status` string,
  `ordered_at` timestamp,
  `total_amount` decimal(20,2),
  `event_type` string,
  `event_ts` timestamp,
  `_seq` string
)
PARTITIONED BY (`dt` string, `hr` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://acme-sales-lake/cdc/sales/orders_changes/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'projection.hr.digits' = '2',
  'storage.location.template' = 's3://acme-sales-lake/cdc/sales/orders_changes/dt=${dt}/hr=${hr}/'
);
exit: 0
