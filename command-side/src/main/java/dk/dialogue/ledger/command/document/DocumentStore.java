package dk.dialogue.ledger.command.document;

import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Keeps each document once, keyed by its hash. Content is never updated; redaction replaces it by
 * nothing and records why, leaving the hash (and so every event) intact.
 */
@Repository
public class DocumentStore {

    private final JdbcTemplate jdbc;

    public DocumentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores each document unless one with the same hash is already kept; joins the caller's transaction. */
    public void storeAll(Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO document (sha256, media_type, size_bytes, content)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING""", documents.stream()
                .map(document -> new Object[] {document.sha256(), document.mediaType(), document.content().length,
                        document.content()})
                .toList());
    }

    public Optional<Document> find(String sha256) {
        return jdbc.query("SELECT sha256, media_type, content FROM document WHERE sha256 = ? AND redacted_at IS NULL",
                        (rs, row) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3)), sha256)
                .stream().findFirst();
    }
}
