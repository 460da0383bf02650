-- Event processing state of the query side, in its own schema. Tokens and dead letters are bytea, never
-- OID large objects. Table and column names are Axon's defaults (unquoted, so PostgreSQL folds them).

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Events a projection failed on, and the later events of the same thread parked behind them.
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL PRIMARY KEY,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_sequence UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);

CREATE INDEX deadletterentry_group ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence_lookup ON deadletterentry (processinggroup, sequenceidentifier);
