package dk.dialogue.ledger.query.audit.chain;

/**
 * One row of the event store exactly as stored: everything the event's hash covers, and the hash.
 *
 * @param position      the global index
 * @param txId          the appending transaction
 * @param aggregateType Axon's aggregate type column
 * @param timeStamp     Axon's time stamp text, byte for byte
 * @param payload       the payload's stored bytes (JSON)
 * @param metaData      the metadata's stored bytes (JSON), {@code null} if none
 * @param hash          the stored SHA-256 chain hash
 */
public record StoredEvent(long position, long txId, String threadId, long sequence, String eventId,
                          String aggregateType, String payloadType, String payloadRevision, String timeStamp,
                          byte[] payload, byte[] metaData, byte[] hash) {
}
