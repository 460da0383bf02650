package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encodings and their SHA-256. {@link #event} must stay byte-identical to the database's
 * {@code ledger_event_hash} (migration V2 of the event store): it is how every stored hash was made. The
 * encodings are fed straight into the digest, so verifying a large ledger allocates next to nothing per event.
 */
public final class Hashes {

    /** What a thread's first event chains to. */
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] EVENT_ENCODING = "dk.dialogue.ledger/event/v1".getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Sha256> SHA256 = ThreadLocal.withInitial(Sha256::new);

    private Hashes() {
    }

    /** SHA-256 over the tag, the previous hash and every stored field, each length-prefixed. */
    public static byte[] event(byte[] previous, StoredEvent e) {
        Sha256 sha = SHA256.get().start();
        sha.raw(EVENT_ENCODING);
        sha.raw(previous);
        sha.int8(e.position());
        sha.int8(e.txId());
        sha.int8(e.sequence());
        sha.text(e.threadId());
        sha.text(e.eventId());
        sha.text(e.aggregateType());
        sha.text(e.payloadType());
        sha.text(e.payloadRevision());
        sha.text(e.timeStamp());
        sha.bytes(e.payload());
        sha.bytes(e.metaData());
        return sha.finish();
    }

    /** A Merkle leaf (RFC 6962: prefix 0x00) over a thread's head as sealed by a digest. */
    static byte[] leaf(ChainHead head) {
        Sha256 sha = SHA256.get().start();
        sha.raw(new byte[] {0});
        sha.text(head.threadId());
        sha.int8(head.sequence());
        sha.raw(head.hash());
        return sha.finish();
    }

    public static byte[] sha256(byte[]... parts) {
        Sha256 sha = SHA256.get().start();
        for (byte[] part : parts) {
            sha.raw(part);
        }
        return sha.finish();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** Big-endian integers and length-prefixed fields, as PostgreSQL's int8send/int4send write them. */
    private static final class Sha256 {

        private final MessageDigest digest;
        private final byte[] number = new byte[8];

        Sha256() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK always has SHA-256", e);
            }
        }

        Sha256 start() {
            digest.reset();
            return this;
        }

        void raw(byte[] bytes) {
            digest.update(bytes);
        }

        void int8(long value) {
            for (int i = 7; i >= 0; i--) {
                number[i] = (byte) value;
                value >>>= 8;
            }
            digest.update(number, 0, 8);
        }

        void text(String value) {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            int length = value == null ? -1 : value.length;
            for (int i = 3; i >= 0; i--) {
                number[i] = (byte) length;
                length >>>= 8;
            }
            digest.update(number, 0, 4);
            if (value != null) {
                digest.update(value);
            }
        }

        byte[] finish() {
            return digest.digest();
        }
    }
}
