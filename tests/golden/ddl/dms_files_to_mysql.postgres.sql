-- cdcc ddl --dialect postgres: pipeline sales_dms_files_to_mysql, from dms_files_to_mysql.cdc (sha256 5d2cd487554d)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no postgres target in this pipeline
exit: 0
