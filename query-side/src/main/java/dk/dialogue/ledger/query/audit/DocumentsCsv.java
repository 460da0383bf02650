package dk.dialogue.ledger.query.audit;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Recipient;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A thread's document list as RFC 4180 CSV, one letter per row, for spreadsheets and case systems. */
final class DocumentsCsv {

    static final String HEADER = "letter_id,role,letter_date,subject,references,senders,recipients,attachments,"
            + "text_sha256,corrected,registered_at,registered_by";

    private DocumentsCsv() {
    }

    static String write(List<DocumentEntry> documents) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (DocumentEntry d : documents) {
            csv.append(Stream.of(d.letterId(), d.role() == null ? "OPENING" : d.role().name(),
                            String.valueOf(d.letterDate()), d.subject(),
                            d.references().stream().map(r -> r.label() + " " + r.value()).collect(Collectors.joining("; ")),
                            d.senders().stream().map(DocumentsCsv::party).collect(Collectors.joining("; ")),
                            d.recipients().stream().map(DocumentsCsv::recipient).collect(Collectors.joining("; ")),
                            d.attachments().stream().map(a -> a.name()).collect(Collectors.joining("; ")),
                            d.textSha256(), String.valueOf(d.corrected()), String.valueOf(d.registeredAt()),
                            d.registeredBy())
                    .map(DocumentsCsv::field).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String party(Party party) {
        return party.unit() == null ? party.name() : party.name() + ", " + party.unit();
    }

    private static String recipient(Recipient r) {
        return Stream.of(r.party() == null ? null : party(r.party()), r.person() == null ? null : r.person().name(),
                r.role()).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
    }

    /** Quoted when it holds a comma, quote or line break; a leading formula character is defused for spreadsheets. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
