-- Readers take events in commit order, (tx_id, global_index) (V1), so a thread's events must never go back in tx_id.
-- The command side keeps that by construction: a transaction takes its id at its first write, and writes only what
-- commands decided on the thread's committed state (one command's writes, or a group commit's batch of them). The
-- trigger makes it a property of the table, whoever writes: an append to a thread in a transaction older than the
-- one that appended its predecessor is refused as a serialization failure, which the command side retries on fresh
-- state like a duplicate sequence number. The hash is unchanged.
CREATE OR REPLACE FUNCTION chain_event() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS
$$
DECLARE
    previous    BYTEA;
    previous_tx XID8;
BEGIN
    IF NEW.sequence_number = 0 THEN
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    ELSE
        SELECT event_hash, tx_id INTO previous, previous_tx FROM domain_event_entry
         WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event % of thread % has no predecessor to chain to', NEW.sequence_number,
                NEW.aggregate_identifier USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF previous_tx > NEW.tx_id THEN
            RAISE EXCEPTION 'event % of thread % would precede its predecessor in commit order', NEW.sequence_number,
                NEW.aggregate_identifier USING ERRCODE = 'serialization_failure';
        END IF;
    END IF;
    NEW.event_hash := sha256(
        convert_to('dk.dialogue.ledger/event/v1', 'UTF8')
        || previous
        || int8send(NEW.global_index)
        || int8send(NEW.tx_id::text::bigint)
        || int8send(NEW.sequence_number)
        || int4send(octet_length(convert_to(NEW.aggregate_identifier, 'UTF8'))) || convert_to(NEW.aggregate_identifier, 'UTF8')
        || int4send(octet_length(convert_to(NEW.event_identifier, 'UTF8'))) || convert_to(NEW.event_identifier, 'UTF8')
        || CASE WHEN NEW.type IS NULL THEN int4send(-1) ELSE int4send(octet_length(convert_to(NEW.type, 'UTF8'))) || convert_to(NEW.type, 'UTF8') END
        || int4send(octet_length(convert_to(NEW.payload_type, 'UTF8'))) || convert_to(NEW.payload_type, 'UTF8')
        || CASE WHEN NEW.payload_revision IS NULL THEN int4send(-1) ELSE int4send(octet_length(convert_to(NEW.payload_revision, 'UTF8'))) || convert_to(NEW.payload_revision, 'UTF8') END
        || int4send(octet_length(convert_to(NEW.time_stamp, 'UTF8'))) || convert_to(NEW.time_stamp, 'UTF8')
        || int4send(octet_length(NEW.payload)) || NEW.payload
        || CASE WHEN NEW.meta_data IS NULL THEN int4send(-1) ELSE int4send(octet_length(NEW.meta_data)) || NEW.meta_data END);
    RETURN NEW;
END;
$$;
