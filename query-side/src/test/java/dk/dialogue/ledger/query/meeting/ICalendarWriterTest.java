package dk.dialogue.ledger.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.query.support.Courses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ICalendarWriterTest {

    @Test
    void text_escapes_backslashes_semicolons_commas_and_line_breaks() {
        assertThat(ICalendarWriter.escape("C:\\sager; 19/0249, bilag\r\nSide 1\naf 2\rslut"))
                .isEqualTo("C:\\\\sager\\; 19/0249\\, bilag\\nSide 1\\naf 2\\nslut");
    }

    @Test
    void text_replaces_control_characters_other_than_tab_with_spaces() {
        assertThat(ICalendarWriter.escape("Side\f1\taf\u00002")).isEqualTo("Side 1\taf 2");
    }

    @Test
    void long_lines_fold_at_75_octets_without_splitting_a_danish_character() {
        String content = "SUMMARY:" + "a".repeat(66)
                + "æøå Beskæftigelsesudvalget i Århus og Kalundborg Kommune ".repeat(3);

        String folded = ICalendarWriter.fold(content);

        List<String> lines = Arrays.asList(folded.split("\r\n"));
        assertThat(lines.get(0)).as("æ would be octets 75 and 76").isEqualTo("SUMMARY:" + "a".repeat(66));
        assertThat(lines).allSatisfy(line -> assertThat(octets(line)).isLessThanOrEqualTo(75));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith(" "));
        assertThat(folded.replace("\r\n ", "")).isEqualTo(content + "\r\n");
    }

    @Test
    void short_lines_stay_whole() {
        String content = "X:" + "ø".repeat(36);

        assertThat(octets(content)).isEqualTo(74);
        assertThat(ICalendarWriter.fold(content)).isEqualTo(content + "\r\n");
    }

    @Test
    void timed_slots_are_in_utc_and_whole_days_and_periods_are_all_day_with_an_exclusive_end() {
        ProposedSlot lateInTheDay = Courses.slot(2019, 11, 6, 15, 18, SlotPrecision.PART_OF_DAY,
                "den 6. november sidst på dagen");
        ProposedSlot wholeDay = Courses.slot(2019, 11, 7, 0, 24, SlotPrecision.DAY, "i løbet af den 7. november");
        ProposedSlot autumn = new ProposedSlot(Instant.parse("2022-08-31T22:00:00Z"),
                Instant.parse("2022-11-30T23:00:00Z"), SlotPrecision.PERIOD, "i løbet af efteråret 2022");

        String ics = ICalendarWriter.calendar("Møder", List.of(meeting("t-1", lateInTheDay),
                meeting("t-2", wholeDay), meeting("t-3", autumn)));

        assertThat(ics).contains("UID:t-1@dialogue-ledger\r\n", "DTSTART:20191106T140000Z\r\n",
                "DTEND:20191106T170000Z\r\n");
        assertThat(ics).contains("UID:t-2@dialogue-ledger\r\n", "DTSTART;VALUE=DATE:20191107\r\n",
                "DTEND;VALUE=DATE:20191108\r\n");
        assertThat(ics).contains("UID:t-3@dialogue-ledger\r\n", "DTSTART;VALUE=DATE:20220901\r\n",
                "DTEND;VALUE=DATE:20221201\r\n");
    }

    @Test
    void a_calendar_has_its_header_one_event_per_meeting_and_crlf_line_endings() {
        String ics = ICalendarWriter.calendar("Dialogue ledger meetings", List.of(meeting("t-1",
                Courses.slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT, "torsdag den 8. oktober kl. 13-16"))));

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nPRODID:-//Dialogue ledger//Meeting calendar//EN\r\n"
                + "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Dialogue ledger meetings\r\nBEGIN:VEVENT\r\n");
        assertThat(ics).endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(ics).contains("DTSTAMP:20201001T081500Z\r\n", "SEQUENCE:2\r\n",
                "SUMMARY:Invitation til besøg i København\r\n",
                "LOCATION:Jobcenter København – Gammel Køge Landevej\\, 2500 Valby\r\n", "STATUS:CONFIRMED\r\n");
        assertThat(ics.replace("\r\n ", "")).contains("DESCRIPTION:When: torsdag den 8. oktober kl. 13-16\\n"
                + "Inviting: KL (Arbejdsmarkeds- og Borgerserviceudvalget)\\, Aarhus Kommune\\n"
                + "Invited: Folketingets Beskæftigelsesudvalg\r\n");
    }

    @Test
    void cancelled_meetings_stay_in_the_feed_marked_cancelled_so_subscribers_remove_them() {
        Meeting cancelled = meeting("t-1", Courses.slot(2020, 9, 24, 13, 16, SlotPrecision.EXACT, "kl. 13.00-16.00"))
                .cancelled();

        assertThat(ICalendarWriter.calendar("Møder", List.of(cancelled)))
                .contains("UID:t-1@dialogue-ledger\r\n", "STATUS:CANCELLED\r\n").doesNotContain("CONFIRMED");
    }

    private static Meeting meeting(String threadId, ProposedSlot slot) {
        return new Meeting(threadId, 4, "Invitation til besøg i København", Meeting.Status.SCHEDULED, slot,
                new Location("Jobcenter København – Gammel Køge Landevej", "2500 Valby"), null, 2,
                List.of(Courses.KL, Courses.AARHUS), List.of(Courses.BEU), Instant.parse("2020-10-01T08:15:00Z"));
    }

    private static int octets(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length;
    }
}
