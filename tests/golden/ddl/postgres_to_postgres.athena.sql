-- cdcc ddl --dialect athena: pipeline app_reporting, from postgres_to_postgres.cdc (sha256 8bc2fafa5646)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no athena target in this pipeline
exit: 0
