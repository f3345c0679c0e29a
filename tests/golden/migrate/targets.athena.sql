-- cdcc ddl --dialect athena --migrate-from: pipeline targets, from targets.cdc (sha256 536066023912)
-- what changes since targets.old.cdc (sha256 46069002feb3); review it before running it, nothing is dropped

-- ==== target lake (s3) ====
DROP TABLE IF EXISTS `cdcc`.`cdcc_quarantine`;
CREATE DATABASE IF NOT EXISTS `cdcc`;
CREATE EXTERNAL TABLE IF NOT EXISTS `cdcc`.`cdcc_quarantine` (
  `pipeline` string,
  `table_name` string,
  `rule` string,
  `reason` string,
  `line` string,
  `op` string,
  `position` string,
  `commit_time` string,
  `row` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
LOCATION 's3://lake/v2/cdcc_quarantine/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://lake/v2/cdcc_quarantine/dt=${dt}/'
);

-- app.public.orders -> lake.app.orders (append)
DROP TABLE IF EXISTS `app`.`orders`;
CREATE DATABASE IF NOT EXISTS `app`;
CREATE EXTERNAL TABLE IF NOT EXISTS `app`.`orders` (
  `id` string,
  `status` string,
  `placed` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
LOCATION 's3://lake/v2/app/orders/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'storage.location.template' = 's3://lake/v2/app/orders/dt=${dt}/'
);
exit: 0
