-- A page of the thread list parsed the whole view of each of its threads (every party with its ids, the people,
-- proposals, registrations and links) to show one line of it. The line is now stored beside the view, as the
-- text the projection wrote (ThreadSummary.Stored); whether a thread is overdue depends on the day and is still
-- computed when asked.
ALTER TABLE thread_status ADD COLUMN summary TEXT NOT NULL;

-- The lines of the views stored so far must be the projection's own text (a certified rebuild compares them), so
-- the read model is built again from the history when the query side starts, as after V13.
TRUNCATE thread_status, thread_party, thread_search, thread_letter;
DELETE FROM deadletterentry WHERE processinggroup = 'thread-status';
DELETE FROM tokenentry WHERE processorname = 'thread-status';
