package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.query.web.InvalidQuery;
import dk.dialogue.ledger.query.web.WebConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** When meetings take place, for dashboards and for calendar clients. */
@RestController
@RequestMapping("/api")
@Tag(name = "Meetings", description = "Meeting calendar read model")
public class MeetingController {

    private static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar; charset=utf-8");
    /** The shape {@code PartyIds} gives: kind, then the name's letters and digits in lower-case runs. */
    private static final Pattern PARTY_ID = Pattern.compile(Arrays.stream(PartyKind.values())
            .map(kind -> kind.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|", "(", ")"))
            + "(-[\\p{L}\\p{N}]+)+");
    /** Beyond these, a day's start is no instant PostgreSQL can compare with. */
    private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final MeetingRepository meetings;

    public MeetingController(MeetingRepository meetings) {
        this.meetings = meetings;
    }

    @GetMapping("/meetings")
    @Operation(summary = "Meetings overlapping a range of Copenhagen days, earliest first")
    public List<Meeting> list(@Parameter(description = "first day, inclusive")
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @Parameter(description = "last day, inclusive")
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @Parameter(description = "a party id, e.g. municipality-aarhus-kommune")
                              @RequestParam(required = false) String party,
                              @Parameter(description = "also list cancelled meetings")
                              @RequestParam(defaultValue = "false") boolean includeCancelled) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQuery("from", "must not be after 'to'");
        }
        return meetings.list(from == null ? null : startOf(storable(from, "from")),
                to == null ? null : startOf(storable(to, "to").plusDays(1)), partyId(party), includeCancelled);
    }

    @GetMapping("/meetings.ics")
    @Operation(summary = "Every meeting as an iCalendar feed (RFC 5545) to subscribe to; cancelled ones say so, "
            + "so subscribed calendars remove them")
    public ResponseEntity<String> calendar(@Parameter(description = "a party id, e.g. municipality-aarhus-kommune")
                                           @RequestParam(required = false) String party) {
        String partyId = partyId(party);
        String name = partyId == null ? "Dialogue ledger meetings" : "Dialogue ledger meetings: " + partyId;
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
                .body(ICalendarWriter.calendar(name, meetings.list(null, null, partyId, true)));
    }

    private static LocalDate storable(LocalDate day, String parameter) {
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw new InvalidQuery(parameter, "must be a date from " + EARLIEST + " to " + LATEST);
        }
        return day;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(WebConfiguration.COPENHAGEN).toInstant();
    }

    /** Normalised as {@code PartyIds} does, so an id typed with decomposed letters (å as a + ring) still matches. */
    private static String partyId(String party) {
        if (party == null) {
            return null;
        }
        String id = Normalizer.normalize(party, Normalizer.Form.NFC);
        if (!PARTY_ID.matcher(id).matches() || !id.equals(id.toLowerCase(Locale.ROOT))) {
            throw new InvalidQuery("party", "must be a party id such as municipality-aarhus-kommune");
        }
        return id;
    }
}
