-- cdcc ddl --dialect athena --migrate-from: pipeline bad, from impossible.cdc (sha256 72af5a787435)
-- what changes since impossible.old.cdc (sha256 ece5e4601325); review it before running it, nothing is dropped

-- no athena target in this pipeline
exit: 0
