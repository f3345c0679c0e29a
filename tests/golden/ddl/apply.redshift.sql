-- cdcc ddl --dialect redshift: pipeline sql_apply, from apply.cdc (sha256 b16406f0c493)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no redshift target in this pipeline
exit: 0
