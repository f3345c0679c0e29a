-- cdcc ddl --dialect redshift: pipeline data_lake_processed, from postgres_raw_lake.cdc (sha256 7a1e2dce3c5f)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no redshift target in this pipeline
exit: 0
