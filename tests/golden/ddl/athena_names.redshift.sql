-- cdcc ddl --dialect redshift: pipeline p, from athena_names.cdc (sha256 7af7e8b2e20f)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no redshift target in this pipeline
exit: 0
