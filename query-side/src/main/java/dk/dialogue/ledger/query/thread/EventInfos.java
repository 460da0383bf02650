package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.EventMetadata;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;

/** Reads an event's recording metadata. */
public final class EventInfos {

    private EventInfos() {
    }

    public static EventInfo of(DomainEventMessage<?> message) {
        Object recordedAt = message.getMetaData().get(EventMetadata.RECORDED_AT);
        Object recordedBy = message.getMetaData().get(EventMetadata.RECORDED_BY);
        return new EventInfo(message.getSequenceNumber(),
                recordedAt == null ? message.getTimestamp() : Instant.parse(recordedAt.toString()),
                recordedBy == null ? null : recordedBy.toString());
    }
}
