-- How far each broker publisher has published the feed; advanced only after the broker confirmed.
CREATE TABLE feed_publisher_checkpoint (
    name       VARCHAR(100) PRIMARY KEY,
    position   BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
