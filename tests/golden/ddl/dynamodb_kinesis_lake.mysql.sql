-- cdcc ddl --dialect mysql: pipeline sales_orders_lake, from dynamodb_kinesis_lake.cdc (sha256 fe99dac999d2)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no mysql target in this pipeline
exit: 0
