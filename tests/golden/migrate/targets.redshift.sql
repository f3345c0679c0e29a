-- cdcc ddl --dialect redshift --migrate-from: pipeline targets, from targets.cdc (sha256 536066023912)
-- what changes since targets.old.cdc (sha256 46069002feb3); review it before running it, nothing is dropped

-- no redshift target in this pipeline
exit: 0
