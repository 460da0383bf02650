-- Signed digests over the event store's hash chains (see the audit package). The signature, not the
-- database, is what makes them trustworthy: auditors keep copies and the public key outside the system.
CREATE TABLE audit_digest (
    sequence       BIGINT      PRIMARY KEY,
    created_at     TIMESTAMPTZ NOT NULL,
    boundary_tx_id BIGINT      NOT NULL,
    last_position  BIGINT      NOT NULL,
    event_count    BIGINT      NOT NULL,
    thread_count   BIGINT      NOT NULL,
    root           CHAR(64)    NOT NULL,
    previous       CHAR(64)    NOT NULL,
    key_id         CHAR(64)    NOT NULL,
    signature      TEXT        NOT NULL
);

-- The chain heads a digest sealed: only the threads that changed since the digest before, so a thread's head
-- at digest k is its row with the highest digest_sequence <= k.
CREATE TABLE audit_digest_head (
    thread_id       VARCHAR(64) NOT NULL,
    digest_sequence BIGINT      NOT NULL,
    sequence_number BIGINT      NOT NULL,
    event_hash      BYTEA       NOT NULL,
    PRIMARY KEY (thread_id, digest_sequence)
);

-- Every audit read: who, what, when, from where.
CREATE TABLE audit_access (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL,
    principal   VARCHAR(255) NOT NULL,
    method      VARCHAR(8)   NOT NULL,
    path        TEXT         NOT NULL,
    query       TEXT,
    remote_addr VARCHAR(64),
    user_agent  TEXT,
    status      INTEGER      NOT NULL
);

CREATE INDEX audit_access_principal ON audit_access (principal, id);
