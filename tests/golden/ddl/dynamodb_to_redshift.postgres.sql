-- cdcc ddl --dialect postgres: pipeline trades_to_redshift, from dynamodb_to_redshift.cdc (sha256 8bebba0d2521)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no postgres target in this pipeline
exit: 0
