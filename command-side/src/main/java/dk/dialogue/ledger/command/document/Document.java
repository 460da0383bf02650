package dk.dialogue.ledger.command.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content to keep in the document store, with the hash events refer to it by.
 *
 * @param sha256    lower-case hex SHA-256 of {@code content}
 * @param mediaType e.g. "text/plain; charset=UTF-8"
 * @param content   the bytes
 */
public record Document(String sha256, String mediaType, byte[] content) {

    public static final String PLAIN_TEXT = "text/plain; charset=UTF-8";

    public static Document of(String mediaType, byte[] content) {
        return new Document(sha256(content), mediaType, content.clone());
    }

    public static Document text(String text) {
        return of(PLAIN_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
