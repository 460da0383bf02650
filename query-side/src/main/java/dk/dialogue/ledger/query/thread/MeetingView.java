package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.ProposedSlot;
import java.time.LocalDate;
import java.util.List;

/**
 * The meeting a thread arranged.
 *
 * @param slot          the slot it is (or was last) scheduled for, with the letter's precision and wording
 * @param proposalId    the accepted proposal
 * @param scheduledOn   the business date of the acceptance
 * @param previousSlots slots it was moved away from, oldest first
 * @param heldOn        the date it was actually held, or {@code null}
 */
public record MeetingView(ProposedSlot slot, String proposalId, LocalDate scheduledOn,
                          List<ProposedSlot> previousSlots, LocalDate heldOn) {
}
