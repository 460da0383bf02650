-- The event store, in the shape Axon's JDBC storage engine reads and writes (see EventStoreConfiguration).
-- Payload, metadata and snapshots are bytea: never OID large objects.

CREATE TABLE domain_event_entry (
    -- Identity without a cache: values are handed out one by one, in the order inserts ask for them.
    global_index         BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    event_identifier     VARCHAR(36)  NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(64)  NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(32)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(16),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    -- The appending transaction. Readers take events in (tx_id, global_index) order and only from
    -- transactions older than every one still running, so a late commit can never land behind a reader.
    -- The command side writes nothing before it has loaded the thread, so within a thread this order is
    -- the sequence-number order.
    tx_id                XID8         NOT NULL DEFAULT pg_current_xact_id(),
    -- Two writers of one thread that decided on the same version cannot both append: the second gets
    -- SQLSTATE 23505, which Axon turns into a ConcurrencyException.
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE INDEX domain_event_entry_commit_order ON domain_event_entry (tx_id, global_index);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(64)  NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(36)  NOT NULL UNIQUE,
    time_stamp           VARCHAR(32)  NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(16),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- The history is append-only whoever connects: privileges do not bind a table's owner, a trigger does.
CREATE FUNCTION refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'domain_event_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();

CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change();

-- Letter texts and attachments, once each, by hash. Redaction empties content and says why.
CREATE TABLE document (
    sha256           CHAR(64)     PRIMARY KEY,
    media_type       VARCHAR(255) NOT NULL,
    size_bytes       INTEGER      NOT NULL,
    content          BYTEA,
    stored_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    redacted_at      TIMESTAMPTZ,
    redaction_reason TEXT
);

-- One row per Idempotency-Key and principal, written in the transaction that appends the command's events.
CREATE TABLE idempotency_record (
    principal       VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,
    version         BIGINT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
