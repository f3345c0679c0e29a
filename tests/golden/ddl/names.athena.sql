-- cdcc ddl --dialect athena: pipeline names_test, from names.cdc (sha256 62e072a99f81)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target lake (s3) ====
CREATE DATABASE IF NOT EXISTS `cdcc`;
CREATE EXTERNAL TABLE IF NOT EXISTS `cdcc`.`cdcc_quarantine` (
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
LOCATION 's3://lake/it\'s here/cdcc_quarantine/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'projection.hr.digits' = '2',
  'storage.location.template' = 's3://lake/it\'s here/cdcc_quarantine/dt=${dt}/hr=${hr}/'
);

-- src.public.plain -> lake.sales.plain (append)
CREATE DATABASE IF NOT EXISTS `sales`;
CREATE EXTERNAL TABLE IF NOT EXISTS `sales`.`plain` (
  `id` bigint,
  `status` string,
  `amount` decimal(12,2),
  `note` string,
  `tags` array<string>,
  `placed` timestamp
)
PARTITIONED BY (`dt` string, `hr` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://lake/it\'s here/sales/plain/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'projection.hr.digits' = '2',
  'storage.location.template' = 's3://lake/it\'s here/sales/plain/dt=${dt}/hr=${hr}/'
);

-- src.public.events -> lake.sales.events (append)
CREATE DATABASE IF NOT EXISTS `sales`;
CREATE EXTERNAL TABLE IF NOT EXISTS `sales`.`events` (
  `id` bigint,
  `kind` string,
  `at` timestamp
)
PARTITIONED BY (`dt` string, `hr` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://lake/it\'s here/sales/events/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2000-01-01,NOW',
  'projection.hr.type' = 'integer',
  'projection.hr.range' = '0,23',
  'projection.hr.digits' = '2',
  'storage.location.template' = 's3://lake/it\'s here/sales/events/dt=${dt}/hr=${hr}/'
);
exit: 0
