-- The timeline read model: one line per event, in each thread's order. No foreign keys: a rebuild fills a
-- copy of this table and swaps it in.

CREATE TABLE timeline_entry (
    thread_id       VARCHAR(64)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    line            TEXT         NOT NULL,
    actor           TEXT,
    business_date   DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    recorded_by     VARCHAR(255),
    PRIMARY KEY (thread_id, sequence_number)
);
