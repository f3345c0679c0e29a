-- cdcc ddl --dialect redshift: pipeline sql_apply, from apply.cdc (sha256 8376a6ab2325)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no redshift target in this pipeline
exit: 0
