package dk.dialogue.ledger.query.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One event of a thread as the timeline shows it.
 *
 * @param sequence     the event's position in its thread, from 0
 * @param eventType    the event's name, e.g. {@code MeetingAccepted}
 * @param line         what happened and who did it, in one line of English
 * @param actor        the bodies that acted, or {@code null} when the event names none
 * @param businessDate when it happened in the world
 * @param recordedAt   when the ledger learned of it
 * @param recordedBy   who entered it
 */
public record TimelineEntry(long sequence,
                            String eventType,
                            String line,
                            String actor,
                            LocalDate businessDate,
                            Instant recordedAt,
                            String recordedBy) {

    /** The recorded time on a Copenhagen clock, for people; {@code recordedAt} stays the unambiguous one. */
    @JsonProperty
    public LocalDateTime recordedAtLocal() {
        return LocalDateTime.ofInstant(recordedAt, WebConfiguration.COPENHAGEN);
    }
}
