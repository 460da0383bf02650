package dk.dialogue.ledger.query.thread;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Letter texts from the ledger's document store, for free-text search. A redacted or missing text reads
 * as empty: search then finds the letter by its registered data only.
 */
@Component
public class LetterTexts {

    private final JdbcTemplate jdbc;
    private final String table;

    public LetterTexts(JdbcTemplate jdbc, @Value("${ledger.documents.table:public.document}") String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public String text(String sha256) {
        return jdbc.query("SELECT content FROM " + table + " WHERE sha256 = ? AND media_type LIKE 'text/%'",
                        (rs, row) -> rs.getBytes(1), sha256).stream()
                .filter(content -> content != null)
                .map(content -> new String(content, StandardCharsets.UTF_8))
                .findFirst().orElse("");
    }

    /** Everything a dashboard may search a thread by. */
    public String searchText(ThreadView view) {
        StringBuilder text = new StringBuilder(view.subject());
        view.letters().forEach(letter -> appendLetter(text, letter));
        appendNames(text, view);
        return text.toString();
    }

    /**
     * What the thread's newest letter adds to its search text: the letter, and the names of everyone taking
     * part now (a letter may bring new parties; names already indexed do no harm).
     */
    public String newestLetterSearchText(ThreadView view) {
        StringBuilder text = new StringBuilder();
        appendLetter(text, view.letters().get(view.letters().size() - 1));
        appendNames(text, view);
        return text.toString();
    }

    private void appendLetter(StringBuilder text, LetterView letter) {
        text.append('\n').append(letter.subject());
        letter.references().forEach(reference -> text.append(' ').append(reference.label()).append(' ')
                .append(reference.value()));
        text.append('\n').append(text(letter.textSha256()));
    }

    private static void appendNames(StringBuilder text, ThreadView view) {
        view.participants().forEach(party -> text.append('\n').append(party.name()));
        view.people().forEach(person -> text.append('\n').append(person.name()));
    }
}
