-- The thread-status read model: one row per thread with its whole view as JSON, plus the columns the
-- dashboard filters and sorts on, and one row per participating party.

CREATE TABLE thread_status (
    thread_id         VARCHAR(64)  PRIMARY KEY,
    kind              VARCHAR(32)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    subject           TEXT         NOT NULL,
    first_letter_date DATE         NOT NULL,
    last_letter_date  DATE         NOT NULL,
    deadline_due      DATE,
    awaiting_answer   BOOLEAN      NOT NULL,
    meeting_start     TIMESTAMPTZ,
    version           BIGINT       NOT NULL,
    last_recorded_at  TIMESTAMPTZ,
    search            TSVECTOR     NOT NULL,
    view              JSONB        NOT NULL
);

CREATE INDEX thread_status_status ON thread_status (status);
CREATE INDEX thread_status_kind ON thread_status (kind);
CREATE INDEX thread_status_first_letter_date ON thread_status (first_letter_date);
CREATE INDEX thread_status_last_recorded_at ON thread_status (last_recorded_at);
CREATE INDEX thread_status_overdue ON thread_status (deadline_due) WHERE awaiting_answer;
CREATE INDEX thread_status_search ON thread_status USING gin (search);

CREATE TABLE thread_party (
    thread_id VARCHAR(64)  NOT NULL,
    party_id  VARCHAR(300) NOT NULL,
    kind      VARCHAR(32)  NOT NULL,
    name      TEXT         NOT NULL,
    role      VARCHAR(16)  NOT NULL,
    awaiting  BOOLEAN      NOT NULL,
    PRIMARY KEY (thread_id, party_id)
);

CREATE INDEX thread_party_party ON thread_party (party_id);
