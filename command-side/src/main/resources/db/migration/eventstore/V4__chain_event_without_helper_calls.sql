-- The same hash as V2 and V3 (same encoding, same bytes), with the length prefixes written out in the trigger's
-- one expression instead of calls of ledger_hash_text and ledger_hash_bytes. Those are SQL functions that are
-- never inlined (convert_to is only stable, they are declared immutable), so each of the fourteen calls per
-- appended event ran through the SQL-function executor: pgbench, one insert a transaction with the ledger's
-- payloads, 0.19 ms over a plain insert with them, 0.12 ms without. The helpers stay for re-hashing rows
-- (ledger_event_hash, which HashChainIT compares this trigger with); the audit verifies in Java (Hashes).
CREATE OR REPLACE FUNCTION chain_event() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS
$$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequence_number = 0 THEN
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    ELSE
        SELECT event_hash INTO previous FROM domain_event_entry
         WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event % of thread % has no predecessor to chain to', NEW.sequence_number,
                NEW.aggregate_identifier USING ERRCODE = 'foreign_key_violation';
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
