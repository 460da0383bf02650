package dk.dialogue.ledger.query.meeting;

import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadEvent;
import java.util.List;

/**
 * What the projection remembers of a thread so it can describe the meeting once one is accepted, and so it
 * knows which events it has already seen.
 *
 * @param version         the number of the thread's events folded in
 * @param openingLetterId the invitation's letter, whose corrections change the subject
 * @param location        the invitation's place, for an acceptance that names none
 */
record MeetingThread(String threadId, long version, String openingLetterId, String subject, List<Party> inviting,
                     List<Party> invited, Location location) {

    static MeetingThread opened(InvitationReceived event) {
        return new MeetingThread(event.threadId().value(), 1, event.letterId().value(), event.letter().subject(),
                event.inviting(), event.invited(), event.location());
    }

    MeetingThread after(ThreadEvent event) {
        String current = event instanceof RecordCorrected e && e.letterId().value().equals(openingLetterId)
                ? e.correctedLetter().subject() : subject;
        return new MeetingThread(threadId, version + 1, openingLetterId, current, inviting, invited, location);
    }
}
