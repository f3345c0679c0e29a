-- cdcc ddl --dialect athena: pipeline data_lake_processed, from postgres_raw_lake.cdc (sha256 81a6379c7d1b)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target processed (s3) ====
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
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://phtf-production-data-lake-processed/_quarantine/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://phtf-production-data-lake-processed/_quarantine/dt=${dt}/'
);

-- app.public.orders -> processed.data_lake_processed.orders (append)
CREATE DATABASE IF NOT EXISTS `data_lake_processed`;
CREATE EXTERNAL TABLE IF NOT EXISTS `data_lake_processed`.`orders` (
  `id` int,
  `product_name` string,
  `price` decimal(10,2),
  `created_at` timestamp,
  `etl_timestamp` timestamp,
  `event_date` date,
  `source_position` string,
  `_op` string,
  `_commit_ts` timestamp
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://phtf-production-data-lake-processed/data_lake_processed/orders/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://phtf-production-data-lake-processed/data_lake_processed/orders/dt=${dt}/'
);

-- web.atomic_events -> processed.data_lake_processed.atomic_events (append)
CREATE DATABASE IF NOT EXISTS `data_lake_processed`;
CREATE EXTERNAL TABLE IF NOT EXISTS `data_lake_processed`.`atomic_events` (
  `event_id` string,
  `event_name` string,
  `user_id` string,
  `session_id` string,
  `page_url` string,
  `referrer` string,
  `user_agent` string,
  `ip_address` string,
  `event_ts` timestamp,
  `etl_timestamp` timestamp,
  `event_date` date,
  `source_position` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://phtf-production-data-lake-processed/data_lake_processed/atomic_events/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://phtf-production-data-lake-processed/data_lake_processed/atomic_events/dt=${dt}/'
);
exit: 0
