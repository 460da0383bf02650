package dk.dialogue.ledger.query.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encodings and their SHA-256. {@link #event} must stay byte-identical to the database's
 * {@code ledger_event_hash} (migration V2 of the event store): it is how every stored hash was made.
 */
public final class Hashes {

    /** What a thread's first event chains to. */
    public static final byte[] GENESIS = new byte[32];
    static final String EVENT_ENCODING = "dk.dialogue.ledger/event/v1";
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /** SHA-256 over the tag, the previous hash and every stored field, each length-prefixed. */
    public static byte[] event(byte[] previous, StoredEvent e) {
        Encoder out = new Encoder();
        out.raw(EVENT_ENCODING.getBytes(StandardCharsets.UTF_8));
        out.raw(previous);
        out.int8(e.position());
        out.int8(e.txId());
        out.int8(e.sequence());
        out.text(e.threadId());
        out.text(e.eventId());
        out.text(e.aggregateType());
        out.text(e.payloadType());
        out.text(e.payloadRevision());
        out.text(e.timeStamp());
        out.bytes(e.payload());
        out.bytes(e.metaData());
        return sha256(out.toByteArray());
    }

    /** A Merkle leaf: a thread's head as sealed by a digest. */
    static byte[] head(ChainHead head) {
        Encoder out = new Encoder();
        out.text(head.threadId());
        out.int8(head.sequence());
        out.raw(head.hash());
        return out.toByteArray();
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** Big-endian integers and length-prefixed fields, as PostgreSQL's int8send/int4send write them. */
    private static final class Encoder {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private final DataOutputStream out = new DataOutputStream(buffer);

        void raw(byte[] bytes) {
            write(() -> out.write(bytes));
        }

        void int8(long value) {
            write(() -> out.writeLong(value));
        }

        void text(String value) {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            write(() -> {
                if (value == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(value.length);
                    out.write(value);
                }
            });
        }

        byte[] toByteArray() {
            return buffer.toByteArray();
        }

        private static void write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot happen in memory", e);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
