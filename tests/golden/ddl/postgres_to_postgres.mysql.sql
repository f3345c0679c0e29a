-- cdcc ddl --dialect mysql: pipeline app_reporting, from postgres_to_postgres.cdc (sha256 24796db14239)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no mysql target in this pipeline
exit: 0
