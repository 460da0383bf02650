-- The thread-status row is rewritten for every event of its thread. With the free-text index in the same row,
-- each rewrite, an acceptance or a deadline as much as a letter, entered every word of the thread into the GIN
-- index again (6.5 kB of WAL per event). The index now has a table of its own, written only when a letter
-- changes it. The view is kept as the text the projection wrote: nothing queries inside it, and jsonb made
-- PostgreSQL parse it on every write and render it again on every read (cast to jsonb to look inside).
CREATE TABLE thread_search (
    thread_id VARCHAR(64) PRIMARY KEY,
    search    TSVECTOR    NOT NULL
);
CREATE INDEX thread_search_search ON thread_search USING gin (search);

-- The views stored as jsonb render differently from what the projection writes (a certified rebuild would
-- list every thread), so the read model is built again from the history when the query side starts.
TRUNCATE thread_status, thread_party;
ALTER TABLE thread_status DROP COLUMN search;
ALTER TABLE thread_status ALTER COLUMN view TYPE TEXT;
DELETE FROM deadletterentry WHERE processinggroup = 'thread-status';
DELETE FROM tokenentry WHERE processorname = 'thread-status';
