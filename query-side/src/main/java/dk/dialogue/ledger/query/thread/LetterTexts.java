package dk.dialogue.ledger.query.thread;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Letter texts from the ledger's document store, for free-text search. A redacted or missing text reads
 * as empty: search then finds the letter by its registered data only.
 */
@Component
public class LetterTexts {

    private static final int READ_TOGETHER = 64 * 1024;

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

    /**
     * The texts of these documents, by SHA-256, each text as {@link #text(String)} reads it (empty when missing or
     * not text). Texts up to {@value #READ_TOGETHER} bytes come in one query; a longer one is read on its own, so a
     * batch of letters never holds many large texts at once.
     */
    public Map<String, String> texts(Collection<String> sha256s) {
        Map<String, String> texts = new HashMap<>();
        List<String> large = new ArrayList<>();
        jdbc.query("SELECT sha256, CASE WHEN octet_length(content) <= " + READ_TOGETHER + " THEN content END, "
                + "octet_length(content) > " + READ_TOGETHER + " FROM " + table
                + " WHERE sha256 = ANY(?) AND media_type LIKE 'text/%'", rs -> {
                    byte[] content = rs.getBytes(2);
                    if (rs.getBoolean(3)) {
                        large.add(rs.getString(1));
                    } else if (content != null) {
                        texts.put(rs.getString(1), new String(content, StandardCharsets.UTF_8));
                    }
                }, (Object) sha256s.toArray(String[]::new));
        large.forEach(sha256 -> texts.put(sha256, text(sha256)));
        sha256s.forEach(sha256 -> texts.putIfAbsent(sha256, ""));
        return texts;
    }

    /** Everything a dashboard may search a thread by; {@code text} gives a letter's text by its SHA-256. */
    public static String searchText(FoldedThread thread, Function<String, String> text) {
        ThreadView view = thread.view();
        StringBuilder search = new StringBuilder(view.subject());
        thread.letters().forEach(letter -> appendLetter(search, letter, text));
        appendNames(search, view);
        return search.toString();
    }

    /**
     * What a new letter adds to its thread's search text: the letter, and the names of everyone taking part now
     * (a letter may bring new parties; names already indexed do no harm).
     */
    public static String newLetterSearchText(ThreadView view, LetterView letter, Function<String, String> text) {
        StringBuilder search = new StringBuilder();
        appendLetter(search, letter, text);
        appendNames(search, view);
        return search.toString();
    }

    private static void appendLetter(StringBuilder search, LetterView letter, Function<String, String> text) {
        search.append('\n').append(letter.subject());
        letter.references().forEach(reference -> search.append(' ').append(reference.label()).append(' ')
                .append(reference.value()));
        search.append('\n').append(text.apply(letter.textSha256()));
    }

    private static void appendNames(StringBuilder text, ThreadView view) {
        view.participants().forEach(party -> text.append('\n').append(party.name()));
        view.people().forEach(person -> text.append('\n').append(person.name()));
    }
}
