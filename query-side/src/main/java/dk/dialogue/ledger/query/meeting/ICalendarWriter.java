package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes meetings as an iCalendar feed (RFC 5545) for calendar clients to subscribe to. Exact and part-of-day
 * slots become timed events in UTC; whole days and periods become all-day events, as the letter gave no time.
 */
public final class ICalendarWriter {

    private static final int MAX_LINE_OCTETS = 75;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\t]]");

    private final StringBuilder out = new StringBuilder();

    private ICalendarWriter() {
    }

    public static String calendar(String name, List<Meeting> meetings) {
        ICalendarWriter ics = new ICalendarWriter();
        ics.line("BEGIN:VCALENDAR");
        ics.line("PRODID:-//Dialogue ledger//Meeting calendar//EN");
        ics.line("VERSION:2.0");
        ics.line("CALSCALE:GREGORIAN");
        ics.text("X-WR-CALNAME", name);
        meetings.forEach(ics::event);
        ics.line("END:VCALENDAR");
        return ics.out.toString();
    }

    private void event(Meeting meeting) {
        ProposedSlot slot = meeting.slot();
        line("BEGIN:VEVENT");
        text("UID", meeting.threadId() + "@dialogue-ledger");
        // Without a METHOD, DTSTAMP is when the event last changed; now() would change every response's ETag.
        line("DTSTAMP:" + DATE_TIME.format(meeting.lastRecordedAt()));
        line("SEQUENCE:" + meeting.reschedules());
        if (slot.precision() == SlotPrecision.DAY || slot.precision() == SlotPrecision.PERIOD) {
            LocalDate first = slot.start().atZone(WebConfiguration.COPENHAGEN).toLocalDate();
            LocalDate last = slot.end().minusNanos(1).atZone(WebConfiguration.COPENHAGEN).toLocalDate();
            line("DTSTART;VALUE=DATE:" + DATE.format(first));
            line("DTEND;VALUE=DATE:" + DATE.format(last.plusDays(1)));
        } else {
            line("DTSTART:" + DATE_TIME.format(slot.start()));
            line("DTEND:" + DATE_TIME.format(slot.end()));
        }
        text("SUMMARY", meeting.subject());
        if (meeting.location() != null) {
            text("LOCATION", meeting.location().address() == null ? meeting.location().name()
                    : meeting.location().name() + ", " + meeting.location().address());
        }
        text("DESCRIPTION", description(meeting));
        line("STATUS:" + (meeting.status() == Meeting.Status.CANCELLED ? "CANCELLED" : "CONFIRMED"));
        line("END:VEVENT");
    }

    private static String description(Meeting meeting) {
        List<String> lines = new ArrayList<>();
        if (meeting.slot().wording() != null) {
            lines.add("When: " + meeting.slot().wording());
        }
        lines.add("Inviting: " + names(meeting.inviting()));
        lines.add("Invited: " + names(meeting.invited()));
        return String.join("\n", lines);
    }

    private static String names(List<Party> parties) {
        return parties.stream()
                .map(party -> party.unit() == null ? party.name() : party.name() + " (" + party.unit() + ")")
                .collect(Collectors.joining(", "));
    }

    private void text(String name, String value) {
        line(name + ":" + escape(value));
    }

    private void line(String content) {
        out.append(fold(content));
    }

    /**
     * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other control
     * characters, which TEXT cannot hold and text extracted from PDFs may contain, become spaces.
     */
    static String escape(String value) {
        String escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n");
        return CONTROL.matcher(escaped).replaceAll(" ");
    }

    /**
     * A content line ended by CRLF, folded (RFC 5545 §3.1) into lines of at most 75 octets of UTF-8, each
     * continuation starting with a space; a character is never split, as clients would then decode garbage.
     */
    static String fold(String content) {
        StringBuilder folded = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < content.length(); i += Character.charCount(content.codePointAt(i))) {
            int codePoint = content.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (octets + size > MAX_LINE_OCTETS) {
                folded.append("\r\n ");
                octets = 1;
            }
            folded.appendCodePoint(codePoint);
            octets += size;
        }
        return folded.append("\r\n").toString();
    }
}
