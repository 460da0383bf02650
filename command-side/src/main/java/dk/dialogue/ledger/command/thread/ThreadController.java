package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.document.Document;
import dk.dialogue.ledger.command.web.CommandDispatcher;
import dk.dialogue.ledger.command.web.CommandRequest;
import dk.dialogue.ledger.command.web.CommandResult;
import dk.dialogue.ledger.command.web.Ids;
import dk.dialogue.ledger.command.web.InvalidRequest;
import dk.dialogue.ledger.command.web.ValidatedRequest;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ThreadId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The task-based API of dialogue threads: one endpoint per command. Every answer carries the thread's
 * new version as its ETag; send it back in If-Match to act only on the version you saw.
 */
@RestController
@RequestMapping("/api/threads")
@Tag(name = "Threads", description = "Record letters and decisions of dialogue threads")
public class ThreadController {

    /** Business dates not stated default to today in Copenhagen, where the letters are written. */
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final CommandDispatcher dispatcher;
    private final Ids ids;
    private final Clock clock;

    public ThreadController(CommandDispatcher dispatcher, Ids ids, Clock clock) {
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register an invitation, summons or registration call, opening a thread")
    public ResponseEntity<ThreadResponse> receiveInvitation(@RequestBody ReceiveInvitationRequest body,
                                                            CommandRequest request) {
        body.requireValid();
        ThreadId threadId = new ThreadId(ids.next(request, "thread"));
        LetterId letterId = new LetterId(ids.next(request, "letter"));
        ProposalId proposalId = body.slots() == null || body.slots().isEmpty() ? null
                : new ProposalId(ids.next(request, "proposal"));
        List<Document> documents = body.letter().documents();
        ReceiveInvitation command = new ReceiveInvitation(threadId, letterId, body.kind(),
                body.letter().toLetter(documents), body.inviting(), body.invited(), proposalId, body.slots(),
                body.location(), body.deadline(), documents);
        CommandResult result = dispatcher.dispatch(command, threadId.value(), request, "POST /api/threads", body);
        return respond(HttpStatus.CREATED, result, new ThreadResponse(threadId.value(), result.version(),
                proposalId == null ? null : proposalId.value(), letterId.value()));
    }

    @PostMapping("/{threadId}/proposals")
    @Operation(summary = "Propose one or more alternative slots, possibly countering an earlier proposal")
    public ResponseEntity<ThreadResponse> proposeDate(@PathVariable String threadId,
                                                      @RequestBody ProposeDateRequest body, CommandRequest request) {
        ProposalId proposalId = new ProposalId(ids.next(request, "proposal"));
        return execute(threadId, "proposals", body, request, () -> new ProposeDate(thread(threadId),
                request.expectedVersion(), proposalId, body.proposedBy(), body.slots(), body.location(),
                body.counters() == null ? null : new ProposalId(body.counters()), orToday(body.businessDate())),
                proposalId.value(), null);
    }

    @PostMapping("/{threadId}/proposals/{proposalId}/withdrawal")
    @Operation(summary = "Withdraw an open proposal")
    public ResponseEntity<ThreadResponse> withdrawProposal(@PathVariable String threadId,
                                                           @PathVariable String proposalId,
                                                           @RequestBody WithdrawProposalRequest body,
                                                           CommandRequest request) {
        checkId("proposalId", proposalId);
        return execute(threadId, "proposals/" + proposalId + "/withdrawal", body, request,
                () -> new WithdrawProposal(thread(threadId), request.expectedVersion(), new ProposalId(proposalId),
                        body.withdrawnBy(), body.reason(), orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/acceptance")
    @Operation(summary = "Accept one slot of an open proposal, scheduling the meeting")
    public ResponseEntity<ThreadResponse> acceptMeeting(@PathVariable String threadId,
                                                        @RequestBody AcceptMeetingRequest body,
                                                        CommandRequest request) {
        return execute(threadId, "acceptance", body, request, () -> new AcceptMeeting(thread(threadId),
                request.expectedVersion(), new ProposalId(body.proposalId()), body.slotIndex(), body.acceptedBy(),
                body.location(), orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/decline")
    @Operation(summary = "Decline the invitation or summons on behalf of an invited party")
    public ResponseEntity<ThreadResponse> declineInvitation(@PathVariable String threadId,
                                                            @RequestBody DeclineInvitationRequest body,
                                                            CommandRequest request) {
        return execute(threadId, "decline", body, request, () -> new DeclineInvitation(thread(threadId),
                request.expectedVersion(), body.declinedBy(), body.reason(), orToday(body.businessDate())),
                null, null);
    }

    @PostMapping("/{threadId}/reschedule")
    @Operation(summary = "Move the scheduled meeting to a new slot")
    public ResponseEntity<ThreadResponse> rescheduleMeeting(@PathVariable String threadId,
                                                            @RequestBody RescheduleMeetingRequest body,
                                                            CommandRequest request) {
        return execute(threadId, "reschedule", body, request, () -> new RescheduleMeeting(thread(threadId),
                request.expectedVersion(), body.newSlot(), body.location(), body.requestedBy(), body.reason(),
                body.basis(), body.basedOnLetter() == null ? null : new LetterId(body.basedOnLetter()),
                orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/cancellation")
    @Operation(summary = "Cancel the meeting")
    public ResponseEntity<ThreadResponse> cancelMeeting(@PathVariable String threadId,
                                                        @RequestBody CancelMeetingRequest body,
                                                        CommandRequest request) {
        return execute(threadId, "cancellation", body, request, () -> new CancelMeeting(thread(threadId),
                request.expectedVersion(), body.cancelledBy(), body.reason(), orToday(body.businessDate())),
                null, null);
    }

    @PostMapping("/{threadId}/held")
    @Operation(summary = "Record that the scheduled meeting took place, on the date it actually did")
    public ResponseEntity<ThreadResponse> recordMeetingHeld(@PathVariable String threadId,
                                                            @RequestBody RecordMeetingHeldRequest body,
                                                            CommandRequest request) {
        return execute(threadId, "held", body, request, () -> new RecordMeetingHeld(thread(threadId),
                request.expectedVersion(), body.location(), body.note(), body.heldOn()), null, null);
    }

    @PostMapping("/{threadId}/letters")
    @Operation(summary = "Register a later letter of the thread: reply, reminder or follow-up")
    public ResponseEntity<ThreadResponse> recordLetter(@PathVariable String threadId,
                                                       @RequestBody RecordLetterRequest body,
                                                       CommandRequest request) {
        LetterId letterId = new LetterId(ids.next(request, "letter"));
        return execute(threadId, "letters", body, request, () -> {
            List<Document> documents = body.letter().documents();
            return new RecordLetter(thread(threadId), request.expectedVersion(), letterId, body.role(),
                    body.letter().toLetter(documents), documents);
        }, null, letterId.value());
    }

    @PostMapping("/{threadId}/registrations")
    @Operation(summary = "Record an invited party's answer to a registration call")
    public ResponseEntity<ThreadResponse> registerParticipation(@PathVariable String threadId,
                                                                @RequestBody RegisterParticipationRequest body,
                                                                CommandRequest request) {
        return execute(threadId, "registrations", body, request, () -> new RegisterParticipation(
                thread(threadId), request.expectedVersion(), body.party(), body.answer(),
                orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/deadline")
    @Operation(summary = "Set or move the response or registration deadline")
    public ResponseEntity<ThreadResponse> setDeadline(@PathVariable String threadId,
                                                      @RequestBody SetDeadlineRequest body, CommandRequest request) {
        return execute(threadId, "deadline", body, request, () -> new SetDeadline(thread(threadId),
                request.expectedVersion(), body.deadline(), orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/links")
    @Operation(summary = "Link this thread to another, e.g. as the follow-up of an earlier visit")
    public ResponseEntity<ThreadResponse> linkThread(@PathVariable String threadId,
                                                     @RequestBody LinkThreadRequest body, CommandRequest request) {
        return execute(threadId, "links", body, request, () -> {
            checkId("linkedThreadId", body.linkedThreadId());
            return new LinkThread(thread(threadId), request.expectedVersion(), new ThreadId(body.linkedThreadId()),
                    body.linkType(), body.note(), orToday(body.businessDate()));
        }, null, null);
    }

    @PostMapping("/{threadId}/closure")
    @Operation(summary = "Close the thread")
    public ResponseEntity<ThreadResponse> closeThread(@PathVariable String threadId,
                                                      @RequestBody CloseThreadRequest body, CommandRequest request) {
        return execute(threadId, "closure", body, request, () -> new CloseThread(thread(threadId),
                request.expectedVersion(), body.reason(), orToday(body.businessDate())), null, null);
    }

    @PostMapping("/{threadId}/corrections")
    @Operation(summary = "Amend a registered letter's data; the original stays in the history")
    public ResponseEntity<ThreadResponse> correctRecord(@PathVariable String threadId,
                                                        @RequestBody CorrectRecordRequest body,
                                                        CommandRequest request) {
        return execute(threadId, "corrections", body, request, () -> {
            checkId("letterId", body.letterId());
            List<Document> documents = body.correctedLetter().documents();
            return new CorrectRecord(thread(threadId), request.expectedVersion(), new LetterId(body.letterId()),
                    body.correctedLetter().toLetter(documents), body.reason(), orToday(body.businessDate()),
                    documents);
        }, null, null);
    }

    /** Validates the body, then builds and dispatches the command on an existing thread. */
    private ResponseEntity<ThreadResponse> execute(String threadId, String action, ValidatedRequest body,
                                                   CommandRequest request, Supplier<Object> command,
                                                   String proposalId, String letterId) {
        checkId("threadId", threadId);
        body.requireValid();
        CommandResult result = dispatcher.dispatch(command.get(), threadId, request,
                "POST /api/threads/" + threadId + "/" + action, body);
        return respond(HttpStatus.OK, result, new ThreadResponse(threadId, result.version(), proposalId, letterId));
    }

    private static ResponseEntity<ThreadResponse> respond(HttpStatus status, CommandResult result,
                                                          ThreadResponse body) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).eTag(Long.toString(result.version()));
        if (status == HttpStatus.CREATED) {
            response.location(URI.create("/api/threads/" + body.threadId()));
        }
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(body);
    }

    private static ThreadId thread(String threadId) {
        return new ThreadId(threadId);
    }

    private static void checkId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw InvalidRequest.of(field, "must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    private LocalDate orToday(LocalDate businessDate) {
        return businessDate != null ? businessDate : LocalDate.now(clock.withZone(COPENHAGEN));
    }
}
