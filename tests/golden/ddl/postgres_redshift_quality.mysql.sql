-- cdcc ddl --dialect mysql: pipeline shop_to_redshift, from postgres_redshift_quality.cdc (sha256 fe28d9c290d0)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- no mysql target in this pipeline
exit: 0
