package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.query.thread.EventInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A thread's meeting on the calendar.
 *
 * @param version        the thread's version when the meeting last changed
 * @param slot           when it is (or was last) scheduled, with the letter's precision and wording
 * @param heldOn         the date it was actually held, or {@code null}
 * @param reschedules    how often it was moved; calendars take it as the event's revision
 * @param lastRecordedAt when the ledger learned of its latest change
 */
public record Meeting(String threadId,
                      long version,
                      String subject,
                      Status status,
                      ProposedSlot slot,
                      Location location,
                      LocalDate heldOn,
                      int reschedules,
                      List<Party> inviting,
                      List<Party> invited,
                      Instant lastRecordedAt) {

    public enum Status { SCHEDULED, HELD, CANCELLED }

    /** Version and recording time are stamped by {@link #at}. */
    static Meeting scheduled(MeetingThread thread, MeetingAccepted accepted) {
        return new Meeting(thread.threadId(), 0, thread.subject(), Status.SCHEDULED, accepted.slot(),
                Objects.requireNonNullElse(accepted.location(), thread.location()), null, 0, thread.inviting(),
                thread.invited(), null);
    }

    /** @param movedTo the new place, or {@code null} when unchanged */
    Meeting rescheduled(ProposedSlot newSlot, Location movedTo) {
        return new Meeting(threadId, version, subject, status, newSlot, Objects.requireNonNullElse(movedTo, location),
                heldOn, reschedules + 1, inviting, invited, lastRecordedAt);
    }

    /** @param heldAt where it was actually held, or {@code null} when as planned */
    Meeting held(LocalDate on, Location heldAt) {
        return new Meeting(threadId, version, subject, Status.HELD, slot, Objects.requireNonNullElse(heldAt, location),
                on, reschedules, inviting, invited, lastRecordedAt);
    }

    Meeting cancelled() {
        return new Meeting(threadId, version, subject, Status.CANCELLED, slot, location, heldOn, reschedules, inviting,
                invited, lastRecordedAt);
    }

    Meeting titled(String newSubject) {
        return new Meeting(threadId, version, newSubject, status, slot, location, heldOn, reschedules, inviting,
                invited, lastRecordedAt);
    }

    Meeting at(EventInfo info) {
        return new Meeting(threadId, info.sequence() + 1, subject, status, slot, location, heldOn, reschedules,
                inviting, invited, info.recordedAt());
    }
}
