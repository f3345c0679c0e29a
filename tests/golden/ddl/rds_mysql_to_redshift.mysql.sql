-- cdcc ddl --dialect mysql: pipeline txns_to_redshift, from rds_mysql_to_redshift.cdc (sha256 710caf50f40e)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no mysql target in this pipeline
exit: 0
