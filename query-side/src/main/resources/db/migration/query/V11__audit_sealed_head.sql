-- Every thread's head as the latest digest sealed it. audit_digest_head keeps the history (each digest's heads of
-- the threads that changed since the one before), and a seal used to read all of it, sort it and hold every
-- thread's head in memory to take the Merkle root: at 1,000,000 events a third to half a second of both cores a
-- minute, growing with the threads. The sealer now upserts the changed heads here, in the statement that adds them
-- to the history, and reads them back page by page along the primary key, which the "C" collation orders by the
-- UTF-8 bytes of the thread ids: the Merkle tree's order, so nothing is sorted.
CREATE TABLE audit_sealed_head (
    thread_id       VARCHAR(64) COLLATE "C" PRIMARY KEY,
    sequence_number BIGINT      NOT NULL,
    event_hash      BYTEA       NOT NULL
);

INSERT INTO audit_sealed_head (thread_id, sequence_number, event_hash)
SELECT DISTINCT ON (thread_id) thread_id, sequence_number, event_hash
  FROM audit_digest_head
 ORDER BY thread_id, digest_sequence DESC;
