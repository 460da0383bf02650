-- The meeting calendar read model: one row per thread whose meeting was scheduled (and perhaps moved, held or
-- cancelled), with the columns the calendar filters on; and what the projection must remember of every thread
-- to describe its meeting once one is scheduled. No foreign keys: a rebuild fills copies of both tables and
-- swaps them in.

CREATE TABLE meeting (
    thread_id        VARCHAR(64) PRIMARY KEY,
    version          BIGINT      NOT NULL,
    subject          TEXT        NOT NULL,
    status           VARCHAR(16) NOT NULL,
    slot_start       TIMESTAMPTZ NOT NULL,
    slot_end         TIMESTAMPTZ NOT NULL,
    slot_precision   VARCHAR(16) NOT NULL,
    slot_wording     TEXT,
    location_name    TEXT,
    location_address TEXT,
    held_on          DATE,
    reschedules      INTEGER     NOT NULL,
    parties          JSONB       NOT NULL,
    party_ids        TEXT[]      NOT NULL,
    last_recorded_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX meeting_slot_start ON meeting (slot_start);
CREATE INDEX meeting_party_ids ON meeting USING gin (party_ids);

CREATE TABLE meeting_thread (
    thread_id         VARCHAR(64) PRIMARY KEY,
    version           BIGINT      NOT NULL,
    opening_letter_id TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    parties           JSONB       NOT NULL,
    location_name     TEXT,
    location_address  TEXT
);
