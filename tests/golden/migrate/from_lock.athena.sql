-- cdcc ddl --dialect athena --migrate-from: pipeline locked, from from_lock.cdc (sha256 b2a44044933c)
-- what changes since the sources as the schema lock from_lock.old.lock.json records them; review it before running it, nothing is dropped

-- no athena target in this pipeline
exit: 0
