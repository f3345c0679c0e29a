-- cdcc ddl --dialect athena: pipeline sales_pg_to_mysql, from postgres_s3_mysql.cdc (sha256 d5f602523204)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no athena target in this pipeline
exit: 0
