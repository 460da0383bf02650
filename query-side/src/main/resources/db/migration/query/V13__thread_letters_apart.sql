-- A thread's view held every letter of the thread, and each event rewrote the whole view: a thread of many
-- letters (a registration call answered by every municipality) cost more to change with each letter. The letters
-- now have rows of their own, written only when a letter is registered or corrected; the view counts them.
CREATE TABLE thread_letter (
    thread_id VARCHAR(64) NOT NULL,
    position  INTEGER     NOT NULL,
    letter    TEXT        NOT NULL,
    PRIMARY KEY (thread_id, position)
);

-- The views stored so far carry their letters, which the projection no longer reads: the read model is built
-- again from the history when the query side starts, as a certified rebuild would otherwise list every thread.
TRUNCATE thread_status, thread_party, thread_search;
DELETE FROM deadletterentry WHERE processinggroup = 'thread-status';
DELETE FROM tokenentry WHERE processorname = 'thread-status';
