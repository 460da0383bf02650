-- Thread lists read a page from an index in their order instead of sorting every match: the default order (the
-- latest recorded first, with or without a status filter) and the letter date's, both ways. Each index replaces
-- the single-column one on the same leading column. A rebuild copies indexes under generated names, so the old
-- ones are found by what they index, not by name.
DO $$
DECLARE
    old regclass;
BEGIN
    FOR old IN
        SELECT i.indexrelid::regclass
        FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = 'thread_status'::regclass AND i.indnatts = 1 AND NOT i.indisunique
          AND i.indpred IS NULL AND a.attname IN ('status', 'last_recorded_at', 'first_letter_date')
    LOOP
        EXECUTE 'DROP INDEX ' || old;
    END LOOP;
END $$;

CREATE INDEX thread_status_status ON thread_status (status, last_recorded_at DESC NULLS LAST, thread_id);
CREATE INDEX thread_status_last_recorded_at ON thread_status (last_recorded_at DESC NULLS LAST, thread_id);
CREATE INDEX thread_status_first_letter_date ON thread_status (first_letter_date, thread_id);
