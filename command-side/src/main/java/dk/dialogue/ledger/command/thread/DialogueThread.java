package dk.dialogue.ledger.command.thread;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalWithdrawn;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RecordCorrected;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import dk.dialogue.ledger.events.ThreadLinked;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One dialogue thread: the attempt to hold one meeting or run one registration round. Command handlers
 * decide and apply events; only the event-sourcing handlers change state. Every command handler on an
 * existing thread answers with the thread's version afterwards (its number of events).
 */
@Aggregate(cache = "threadCache", snapshotTriggerDefinition = "threadSnapshotTrigger",
        commandTargetResolver = "cachingCommandTargetResolver")
public class DialogueThread {

    @AggregateIdentifier
    private ThreadId threadId;
    private ThreadKind kind;
    private ThreadStage stage;
    private final Map<String, Party> inviting = new LinkedHashMap<>();
    private final Map<String, Party> invited = new LinkedHashMap<>();
    private final Map<String, ProposalState> proposals = new HashMap<>();
    private ProposedSlot scheduledSlot;
    private Location location;
    private Deadline deadline;
    private final Map<String, ParticipationAnswer> registrations = new HashMap<>();
    private final Map<String, Letter> letters = new HashMap<>();
    private final Set<String> links = new HashSet<>();

    /** Required by Axon to rebuild the thread from its events. */
    protected DialogueThread() {
    }

    @CommandHandler
    public DialogueThread(ReceiveInvitation cmd) {
        require(cmd.kind() != null, "kind", "the kind of thread is required");
        require(cmd.letter() != null, "letter", "the letter is required");
        require(!cmd.inviting().isEmpty(), "inviting", "at least one inviting party is required");
        require(!cmd.invited().isEmpty(), "invited", "at least one invited party is required");
        for (int i = 0; i < cmd.invited().size(); i++) {
            Party party = cmd.invited().get(i);
            boolean alsoInviting = cmd.inviting().stream().anyMatch(party::sameBodyAs);
            require(!alsoInviting, "invited[" + i + "]", party.name() + " cannot both invite and be invited");
        }
        requireValidSlots(cmd.slots());
        require(cmd.slots().isEmpty() || cmd.proposalId() != null, "proposalId", "slots need a proposal id");
        if (cmd.deadline() != null) {
            require(cmd.deadline().kind() != DeadlineKind.REGISTRATION || cmd.kind() == ThreadKind.REGISTRATION_CALL,
                    "deadline.kind", "only a registration call has a registration deadline");
        }
        apply(new InvitationReceived(cmd.threadId(), cmd.letterId(), cmd.kind(), cmd.letter(), cmd.inviting(),
                cmd.invited(), cmd.slots().isEmpty() ? null : cmd.proposalId(), cmd.slots(), cmd.location(),
                cmd.deadline(), cmd.letter().letterDate()));
    }

    @CommandHandler
    public long handle(ProposeDate cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage.negotiating(), null, "dates can only be proposed before a meeting is scheduled; "
                + "the thread is " + stage + " (reschedule a scheduled meeting instead)");
        requireParticipant(cmd.proposedBy(), "proposedBy");
        require(!cmd.slots().isEmpty(), "slots", "a proposal needs at least one slot");
        requireValidSlots(cmd.slots());
        require(!proposals.containsKey(cmd.proposalId().value()), "proposalId",
                "proposal " + cmd.proposalId() + " already exists");
        if (cmd.counters() != null) {
            ProposalState countered = requireOpenProposal(cmd.counters().value(), "counters");
            require(!countered.madeBy(cmd.proposedBy().key()), "counters",
                    "a party cannot counter its own proposal; withdraw it instead");
        }
        apply(new DateProposed(threadId, cmd.proposalId(), cmd.proposedBy(), cmd.slots(), cmd.location(),
                cmd.counters(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(WithdrawProposal cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage.negotiating(), null, "a proposal can only be withdrawn before a meeting is scheduled");
        ProposalState proposal = requireOpenProposal(cmd.proposalId().value(), "proposalId");
        require(proposal.madeBy(cmd.withdrawnBy().key()), "withdrawnBy",
                "only the party that made proposal " + cmd.proposalId() + " can withdraw it");
        apply(new ProposalWithdrawn(threadId, cmd.proposalId(), cmd.withdrawnBy(), cmd.reason(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(AcceptMeeting cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage.negotiating(), null, "the thread is " + stage + "; only an open proposal can be accepted");
        requireParticipant(cmd.acceptedBy(), "acceptedBy");
        ProposalState proposal = requireOpenProposal(cmd.proposalId().value(), "proposalId");
        require(cmd.slotIndex() >= 0 && cmd.slotIndex() < proposal.slots().size(), "slotIndex",
                "proposal " + cmd.proposalId() + " has no slot " + cmd.slotIndex());
        require(!proposal.madeBy(cmd.acceptedBy().key()), "acceptedBy",
                "a party cannot accept its own proposal");
        Location where = cmd.location() != null ? cmd.location()
                : proposal.location() != null ? proposal.location() : location;
        apply(new MeetingAccepted(threadId, cmd.proposalId(), proposal.slots().get(cmd.slotIndex()),
                cmd.acceptedBy(), where, cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(DeclineInvitation cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(kind != ThreadKind.REGISTRATION_CALL, null,
                "each party answers a registration call on its own: register the participation as DECLINED");
        require(stage != ThreadStage.DECLINED && stage != ThreadStage.HELD, null,
                "the thread is " + stage + " and can no longer be declined");
        require(invited.containsKey(cmd.declinedBy().key()), "declinedBy",
                cmd.declinedBy().name() + " is not invited in this thread");
        apply(new InvitationDeclined(threadId, cmd.declinedBy(), cmd.reason(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(RescheduleMeeting cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage == ThreadStage.SCHEDULED, null, "only a scheduled meeting can be rescheduled; the thread is "
                + stage);
        requireParticipant(cmd.requestedBy(), "requestedBy");
        requireValidSlot(cmd.newSlot(), "newSlot");
        require(!cmd.newSlot().equals(scheduledSlot), "newSlot", "the meeting is already scheduled for that slot");
        require(cmd.basis() != null, "basis", "say whether a letter states the move or it is inferred");
        require(cmd.basedOnLetter() == null || letters.containsKey(cmd.basedOnLetter().value()), "basedOnLetter",
                "letter " + cmd.basedOnLetter() + " is not registered in this thread");
        apply(new MeetingRescheduled(threadId, scheduledSlot, cmd.newSlot(), cmd.location(), cmd.requestedBy(),
                cmd.reason(), cmd.basis(), cmd.basedOnLetter(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(CancelMeeting cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage == ThreadStage.RECEIVED || stage == ThreadStage.DATE_PROPOSED || stage == ThreadStage.SCHEDULED,
                null, "the thread is " + stage + "; there is no meeting to cancel");
        requireParticipant(cmd.cancelledBy(), "cancelledBy");
        apply(new MeetingCancelled(threadId, cmd.cancelledBy(), cmd.reason(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(RecordMeetingHeld cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(stage == ThreadStage.SCHEDULED, null,
                "a meeting is held only once it is scheduled; the thread is " + stage);
        apply(new MeetingHeld(threadId, scheduledSlot, cmd.location(), cmd.note(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(RecordLetter cmd) {
        checkVersion(cmd);
        require(!letters.containsKey(cmd.letterId().value()), "letterId",
                "letter " + cmd.letterId() + " is already registered");
        require(!textRegistered(cmd.letter().textSha256(), null), "letter.text",
                "a letter with the same text is already registered in this thread");
        apply(new LetterRecorded(threadId, cmd.letterId(), cmd.role(), cmd.letter(), cmd.letter().letterDate()));
        return version();
    }

    @CommandHandler
    public long handle(RegisterParticipation cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(kind == ThreadKind.REGISTRATION_CALL, null, "only a registration call takes registrations");
        require(invited.containsKey(cmd.party().key()), "party", cmd.party().name() + " is not invited to register");
        if (cmd.answer() == registrations.get(cmd.party().key())) {
            return version();
        }
        boolean late = deadline != null && cmd.businessDate().isAfter(deadline.due());
        apply(new ParticipationRegistered(threadId, cmd.party(), cmd.answer(), late, cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(SetDeadline cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(cmd.deadline().kind() != DeadlineKind.REGISTRATION || kind == ThreadKind.REGISTRATION_CALL,
                "deadline.kind", "only a registration call has a registration deadline");
        if (cmd.deadline().equals(deadline)) {
            return version();
        }
        apply(new DeadlineSet(threadId, cmd.deadline(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(LinkThread cmd) {
        checkVersion(cmd);
        requireNotEnded();
        require(!cmd.linkedThreadId().equals(threadId), "linkedThreadId", "a thread cannot be linked to itself");
        if (links.contains(linkKey(cmd.linkedThreadId(), cmd.linkType()))) {
            return version();
        }
        apply(new ThreadLinked(threadId, cmd.linkedThreadId(), cmd.linkType(), cmd.note(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(CloseThread cmd) {
        checkVersion(cmd);
        require(stage != ThreadStage.CANCELLED, null, "a cancelled thread stays cancelled");
        // A closed thread takes no more meeting decisions, so a scheduled meeting would stay on calendars forever.
        require(stage != ThreadStage.SCHEDULED, null,
                "the meeting is scheduled: record it held or cancel it before closing the thread");
        if (stage == ThreadStage.CLOSED) {
            return version();
        }
        apply(new ThreadClosed(threadId, cmd.reason(), cmd.businessDate()));
        return version();
    }

    @CommandHandler
    public long handle(CorrectRecord cmd) {
        checkVersion(cmd);
        Letter current = letters.get(cmd.letterId().value());
        require(current != null, "letterId", "letter " + cmd.letterId() + " is not registered in this thread");
        if (current.equals(cmd.correctedLetter())) {
            return version();
        }
        require(!textRegistered(cmd.correctedLetter().textSha256(), cmd.letterId().value()), "correctedLetter.text",
                "another letter with the same text is already registered in this thread");
        apply(new RecordCorrected(threadId, cmd.letterId(), cmd.correctedLetter(), cmd.reason(), cmd.businessDate()));
        return version();
    }

    @EventSourcingHandler
    void on(InvitationReceived event) {
        threadId = event.threadId();
        kind = event.kind();
        stage = event.slots().isEmpty() ? ThreadStage.RECEIVED : ThreadStage.DATE_PROPOSED;
        event.inviting().forEach(party -> inviting.put(party.key(), party));
        event.invited().forEach(party -> invited.put(party.key(), party));
        if (event.proposalId() != null) {
            Set<String> proposers = event.inviting().stream().map(Party::key).collect(Collectors.toSet());
            proposals.put(event.proposalId().value(),
                    new ProposalState(proposers, event.slots(), event.location(), true));
        }
        location = event.location();
        deadline = event.deadline();
        letters.put(event.letterId().value(), event.letter());
    }

    @EventSourcingHandler
    void on(DateProposed event) {
        if (event.counters() != null) {
            proposals.computeIfPresent(event.counters().value(), (id, proposal) -> proposal.closed());
        }
        proposals.put(event.proposalId().value(),
                new ProposalState(Set.of(event.proposedBy().key()), event.slots(), event.location(), true));
        stage = ThreadStage.DATE_PROPOSED;
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        proposals.computeIfPresent(event.proposalId().value(), (id, proposal) -> proposal.closed());
        boolean anyOpen = proposals.values().stream().anyMatch(ProposalState::open);
        stage = anyOpen ? ThreadStage.DATE_PROPOSED : ThreadStage.RECEIVED;
    }

    @EventSourcingHandler
    void on(MeetingAccepted event) {
        proposals.replaceAll((id, proposal) -> proposal.closed());
        scheduledSlot = event.slot();
        location = event.location();
        stage = ThreadStage.SCHEDULED;
    }

    @EventSourcingHandler
    void on(InvitationDeclined event) {
        stage = ThreadStage.DECLINED;
    }

    @EventSourcingHandler
    void on(MeetingRescheduled event) {
        scheduledSlot = event.newSlot();
        if (event.location() != null) {
            location = event.location();
        }
    }

    @EventSourcingHandler
    void on(MeetingCancelled event) {
        stage = ThreadStage.CANCELLED;
    }

    @EventSourcingHandler
    void on(MeetingHeld event) {
        stage = ThreadStage.HELD;
    }

    @EventSourcingHandler
    void on(LetterRecorded event) {
        letters.put(event.letterId().value(), event.letter());
    }

    @EventSourcingHandler
    void on(ParticipationRegistered event) {
        registrations.put(event.party().key(), event.answer());
    }

    @EventSourcingHandler
    void on(DeadlineSet event) {
        deadline = event.deadline();
    }

    @EventSourcingHandler
    void on(ThreadLinked event) {
        links.add(linkKey(event.linkedThreadId(), event.linkType()));
    }

    @EventSourcingHandler
    void on(ThreadClosed event) {
        stage = ThreadStage.CLOSED;
    }

    @EventSourcingHandler
    void on(RecordCorrected event) {
        letters.put(event.letterId().value(), event.correctedLetter());
    }

    /** Whether a letter other than {@code exceptLetterId} is registered with this text, as currently corrected. */
    private boolean textRegistered(String textSha256, String exceptLetterId) {
        return letters.entrySet().stream()
                .anyMatch(entry -> !entry.getKey().equals(exceptLetterId)
                        && entry.getValue().textSha256().equals(textSha256));
    }

    private static String linkKey(ThreadId other, Object type) {
        return type + ":" + other.value();
    }

    /** The thread's version: how many events it has. */
    private static long version() {
        return AggregateLifecycle.getVersion() + 1;
    }

    private void checkVersion(VersionedCommand cmd) {
        long current = version();
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != current) {
            throw new StaleVersion(cmd.expectedVersion(), current);
        }
    }

    private void requireNotEnded() {
        require(!stage.ended(), null, "the thread is " + stage + "; only letters and corrections can be recorded");
    }

    private void requireParticipant(Party party, String field) {
        boolean participant = inviting.containsKey(party.key()) || invited.containsKey(party.key());
        require(participant, field, party.name() + " (" + party.kind() + ") is not a participant in this thread");
    }

    private ProposalState requireOpenProposal(String proposalId, String field) {
        ProposalState proposal = proposals.get(proposalId);
        require(proposal != null, field, "proposal " + proposalId + " was never made in this thread");
        require(proposal.open(), field, "proposal " + proposalId + " is withdrawn, countered or already settled");
        return proposal;
    }

    private static void requireValidSlots(List<ProposedSlot> slots) {
        for (int i = 0; i < slots.size(); i++) {
            requireValidSlot(slots.get(i), "slots[" + i + "]");
        }
    }

    private static void requireValidSlot(ProposedSlot slot, String field) {
        require(slot != null, field, "a slot is required");
        require(slot.start() != null && slot.end() != null && slot.precision() != null, field,
                "a slot needs a start, an end and a precision");
        require(slot.end().isAfter(slot.start()), field + ".end", "a slot ends after it starts");
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new ThreadRuleViolation(field, message);
        }
    }
}
