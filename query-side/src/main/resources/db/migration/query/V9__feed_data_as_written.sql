-- The feed keeps each event's JSON as the writer made it (json, checked on input) instead of as jsonb: nothing
-- queries inside it, and jsonb made PostgreSQL parse every event on insert and render it again on every read
-- (a third of the database's work when a subscriber read the whole feed).
ALTER TABLE feed_entry ALTER COLUMN data TYPE json USING data::json;
