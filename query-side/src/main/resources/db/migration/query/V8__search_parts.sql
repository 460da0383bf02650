-- A thread's free-text index is now the concatenation of its parts' indexes (see SearchText): a new letter
-- adds its own text instead of the whole thread's being indexed again, which grew with every letter.
CREATE AGGREGATE tsvector_concat_all(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- Indexes stored the old way would differ from what a replay stores now (a certified rebuild would list
-- every thread): the thread-status read model is rebuilt from the history when the query side starts.
TRUNCATE thread_status, thread_party;
DELETE FROM deadletterentry WHERE processinggroup = 'thread-status';
DELETE FROM tokenentry WHERE processorname = 'thread-status';
