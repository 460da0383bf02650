package dk.dialogue.ledger.query.party;

import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.query.thread.ThreadStatusRepository;
import dk.dialogue.ledger.query.thread.ThreadSummary;
import dk.dialogue.ledger.query.web.NotFound;
import dk.dialogue.ledger.query.web.WebConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Per party: what is open, scheduled, overdue, and waiting for its answer. */
@RestController
@RequestMapping("/api/parties")
@Tag(name = "Parties", description = "Party overview")
public class PartyController {

    private final PartyRepository parties;
    private final ThreadStatusRepository threads;
    private final Clock clock;

    public PartyController(PartyRepository parties, ThreadStatusRepository threads, Clock clock) {
        this.parties = parties;
        this.threads = threads;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Every party with its figures, optionally of one kind")
    public List<PartySummary> all(@RequestParam(required = false) PartyKind kind) {
        return parties.all(kind, today());
    }

    @GetMapping("/{partyId}")
    @Operation(summary = "One party's figures and the threads behind them (at most 200 per list)")
    public PartyOverview one(@PathVariable String partyId) {
        LocalDate today = today();
        PartySummary summary = parties.one(partyId, today)
                .orElseThrow(() -> new NotFound("no thread involves party " + partyId));
        return new PartyOverview(summary,
                summaries(partyId, "t.status IN ('RECEIVED', 'DATE_PROPOSED', 'SCHEDULED')", today),
                summaries(partyId, "t.status = 'SCHEDULED'", today),
                summaries(partyId, "t.awaiting_answer AND t.deadline_due < :today", today),
                summaries(partyId, "p.awaiting", today));
    }

    /** One query for the list's lines, not one per thread (up to 200 a list, four lists a request). */
    private List<ThreadSummary> summaries(String partyId, String condition, LocalDate today) {
        List<String> ids = parties.threadIds(partyId, condition, today);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ThreadSummary> summaries = threads.summaries(ids, today);
        return ids.stream().filter(summaries::containsKey).map(summaries::get).toList();
    }

    private LocalDate today() {
        return WebConfiguration.today(clock);
    }
}
