package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Attachment;
import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import dk.dialogue.ledger.query.support.Courses;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Threads and letters for the fold and view tests: a ministry summons KL's board, KL invites the committee. */
final class FoldFixtures {

    /** When the ledger learned of the first event; each later event one minute after. */
    static final Instant RECORDED = Instant.parse("2024-02-12T08:30:00Z");
    static final String RECORDER = "journal@kl.dk";

    static final Party MINISTRY = new Party(PartyKind.MINISTRY, "Beskæftigelsesministeriet", "Ministersekretariatet");
    static final Party KL_BOARD = new Party(PartyKind.KL, "KL", "Formandskabet");
    static final Party KL = Courses.KL;
    static final Party BEU = Courses.BEU;

    static final Person HUMMELGAARD = new Person("Peter Hummelgaard", "beskæftigelsesminister", MINISTRY, null);
    static final Person BUNDSGAARD = new Person("Jacob Bundsgaard", "formand for KL", KL_BOARD, "jbu@kl.dk");
    static final Person ZIEGLER = new Person("Michael Ziegler", "udvalgsformand", KL, null);
    static final Person LAUSTSEN = new Person("Bjarne Laustsen", "formand for Beskæftigelsesudvalget", BEU, null);

    static final ThreadId SUMMONS_ID = new ThreadId("t-2021-indkaldelse-formandskabet");
    static final LetterId SUMMONS_LETTER_ID = new LetterId("l-2021-05-03-bm");
    static final Deadline SUMMONS_DEADLINE = new Deadline(LocalDate.of(2021, 5, 17), DeadlineKind.RESPONSE,
            "Svar venligst senest den 17. maj");
    static final Letter SUMMONS_LETTER = new Letter(LocalDate.of(2021, 5, 3),
            List.of(new Reference("J.nr.", "2021-4711"), new Reference("Dok.ID", "")),
            "Indkaldelse til møde om beskæftigelsesreformen", List.of(MINISTRY), List.of(HUMMELGAARD),
            List.of(new Recipient(KL_BOARD, null, null), new Recipient(null, BUNDSGAARD, null)),
            List.of(new Attachment("Dagsorden.pdf", "d".repeat(64))), "a".repeat(64));

    static final ThreadId JOBCAMP_ID = new ThreadId("t-2019-jobcamp");
    static final LetterId JOBCAMP_LETTER_ID = new LetterId("l-2019-09-06-kl");
    static final ProposalId KL_PROPOSAL = new ProposalId("p-kl-jobcamp");
    static final ProposedSlot LATE_IN_THE_DAY = Courses.slot(2019, 11, 6, 15, 18, SlotPrecision.PART_OF_DAY,
            "den 6. november sidst på dagen");
    static final ProposedSlot WHOLE_DAY = Courses.slot(2019, 11, 7, 0, 24, SlotPrecision.DAY,
            "i løbet af den 7. november");
    static final Location AALBORG = new Location("Aalborg Kongrescenter", "Europa Plads 4, 9000 Aalborg");
    static final Deadline JOBCAMP_DEADLINE = new Deadline(LocalDate.of(2019, 10, 1), DeadlineKind.RESPONSE, null);
    static final Letter JOBCAMP_LETTER = new Letter(LocalDate.of(2019, 9, 6),
            List.of(new Reference("Sagsnummer", "19/08123"), new Reference("Dokumentnummer", "")),
            "Invitation til JobCAMP19", List.of(KL), List.of(ZIEGLER),
            List.of(new Recipient(BEU, null, null)), List.of(), "b".repeat(64));

    private FoldFixtures() {
    }

    /** The ministry summons KL's board; no time yet, the ministry will propose one. */
    static InvitationReceived summons() {
        return new InvitationReceived(SUMMONS_ID, SUMMONS_LETTER_ID, ThreadKind.SUMMONS, SUMMONS_LETTER,
                List.of(MINISTRY), List.of(KL_BOARD), null, List.of(), null, SUMMONS_DEADLINE,
                LocalDate.of(2021, 5, 3));
    }

    /** KL invites the committee to JobCAMP19, offering two alternatives in Aalborg. */
    static InvitationReceived jobcampInvitation() {
        return new InvitationReceived(JOBCAMP_ID, JOBCAMP_LETTER_ID, ThreadKind.INVITATION, JOBCAMP_LETTER,
                List.of(KL), List.of(BEU), KL_PROPOSAL, List.of(LATE_IN_THE_DAY, WHOLE_DAY), AALBORG,
                JOBCAMP_DEADLINE, LocalDate.of(2019, 9, 6));
    }

    static EventInfo info(long sequence) {
        return new EventInfo(sequence, recordedAt(sequence), RECORDER);
    }

    static Instant recordedAt(long sequence) {
        return RECORDED.plus(Duration.ofMinutes(sequence));
    }

    /** Folds the events in order, numbering them from 0. */
    static ThreadView fold(ThreadEvent... events) {
        return fold(List.of(events));
    }

    static ThreadView fold(List<? extends ThreadEvent> events) {
        return folded(events).view();
    }

    /** Folds the events in order, numbering them from 0, letters included. */
    static FoldedThread folded(ThreadEvent... events) {
        return folded(List.of(events));
    }

    static FoldedThread folded(List<? extends ThreadEvent> events) {
        List<EventInfo> infos = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            infos.add(info(i));
        }
        return ThreadFold.replay(events, infos);
    }

    static Letter letter(LocalDate date, String subject, Party sender, String textSha256, Person... signatories) {
        return new Letter(date, List.of(new Reference("Sagsnummer", "21/" + date.getDayOfYear())), subject,
                List.of(sender), List.of(signatories), List.of(new Recipient(null, null, "Borgmesteren")), List.of(),
                textSha256);
    }
}
