-- cdcc ddl --dialect athena: pipeline sql_apply, from apply.cdc (sha256 b16406f0c493)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no athena target in this pipeline
exit: 0
