package dk.dialogue.ledger.query.audit.chain;

/**
 * A thread's last event as of a digest: its sequence number and chain hash.
 */
public record ChainHead(String threadId, long sequence, byte[] hash) {
}
