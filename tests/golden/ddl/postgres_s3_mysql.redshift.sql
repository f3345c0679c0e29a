-- cdcc ddl --dialect redshift: pipeline sales_pg_to_mysql, from postgres_s3_mysql.cdc (sha256 eb7f5476930d)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no redshift target in this pipeline
exit: 0
