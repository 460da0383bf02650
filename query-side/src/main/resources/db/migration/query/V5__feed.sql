-- The event feed: every event once, numbered 1, 2, 3, ... by a single writer (one processor segment) in
-- the order readers see commits, so a position once visible is final and no earlier one appears later.

CREATE TABLE feed_entry (
    position         BIGINT       PRIMARY KEY,
    event_identifier VARCHAR(36)  NOT NULL UNIQUE,
    type             VARCHAR(255) NOT NULL,
    thread_id        VARCHAR(64)  NOT NULL,
    sequence_number  BIGINT       NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    business_date    DATE,
    correlation_id   VARCHAR(255),
    data             JSONB        NOT NULL
);

CREATE INDEX feed_entry_type ON feed_entry (type, position);
CREATE INDEX feed_entry_thread ON feed_entry (thread_id, position);

-- Which parties take part in which thread, for subscribers that follow one party.
CREATE TABLE feed_thread_party (
    thread_id VARCHAR(64)  NOT NULL,
    party_id  VARCHAR(300) NOT NULL,
    PRIMARY KEY (party_id, thread_id)
);
