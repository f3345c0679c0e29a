-- cdcc ddl --dialect postgres: pipeline data_lake_processed, from postgres_raw_lake.cdc (sha256 81a6379c7d1b)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no postgres target in this pipeline
exit: 0
