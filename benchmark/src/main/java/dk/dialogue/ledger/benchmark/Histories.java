package dk.dialogue.ledger.benchmark;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingCancelled;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Whole thread lifecycles as the aggregate would have recorded them, in the proportions of real
 * correspondence: most invitations end in a held meeting, some are declined or cancelled, and registration
 * calls collect one answer per invited municipality. Every history obeys the aggregate's rules.
 */
final class Histories {

    private Histories() {
    }

    static List<ThreadEvent> lifecycle(long number, Random random) {
        ThreadId thread = new ThreadId("bench-" + number);
        int course = random.nextInt(100);
        if (course < 65) {
            return heldMeeting(thread, random);
        }
        if (course < 80) {
            return registrationCall(thread, random);
        }
        if (course < 90) {
            return declined(thread, random);
        }
        return cancelled(thread, random);
    }

    private static List<ThreadEvent> heldMeeting(ThreadId thread, Random random) {
        Party host = Corpus.municipality(random);
        Party guest = random.nextBoolean() ? Corpus.COMMITTEE : Corpus.KL;
        LocalDate date = Corpus.letterDate(random);
        String subject = Corpus.subject(random);
        List<ThreadEvent> events = new ArrayList<>();
        InvitationReceived opened = opening(thread, ThreadKind.INVITATION, host, List.of(guest), date, subject,
                random);
        events.add(opened);
        events.add(letter(thread, 1, LetterRole.REPLY, guest, host, date.plusDays(5), subject, random));
        ProposalId counter = new ProposalId(thread.value() + "-p2");
        List<ProposedSlot> countered = Corpus.slots(date.plusDays(7), random);
        events.add(new DateProposed(thread, counter, guest, countered, null, opened.proposalId(), date.plusDays(6)));
        events.add(new DeadlineSet(thread, Corpus.deadline(date.plusDays(8), DeadlineKind.RESPONSE), date.plusDays(8)));
        events.add(new MeetingAccepted(thread, counter, countered.get(0), host, Corpus.location(host),
                date.plusDays(9)));
        events.add(letter(thread, 2, LetterRole.FOLLOW_UP, host, guest, date.plusDays(12), subject, random));
        ProposedSlot moved = Corpus.slot(countered.get(0).start().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .plusDays(2), 9);
        events.add(new MeetingRescheduled(thread, countered.get(0), moved, null, host, "Sammenfald med byrådsmøde",
                RescheduleBasis.STATED_IN_LETTER, new LetterId(thread.value() + "-l2"), date.plusDays(12)));
        LocalDate heldOn = moved.start().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        events.add(new MeetingHeld(thread, moved, null, "Godt møde", heldOn));
        events.add(new ThreadClosed(thread, "Mødet er holdt", heldOn.plusDays(3)));
        return events;
    }

    private static List<ThreadEvent> registrationCall(ThreadId thread, Random random) {
        LocalDate date = Corpus.letterDate(random);
        String subject = "Tilmelding til partnerskab om beskæftigelse";
        Set<Party> invited = new LinkedHashSet<>();
        int count = 3 + random.nextInt(5);
        while (invited.size() < count) {
            invited.add(Corpus.municipality(random));
        }
        List<ThreadEvent> events = new ArrayList<>();
        events.add(opening(thread, ThreadKind.REGISTRATION_CALL, Corpus.KL, List.copyOf(invited), date, subject,
                random));
        int day = 2;
        for (Party party : invited) {
            ParticipationAnswer answer = random.nextInt(5) == 0 ? ParticipationAnswer.DECLINED
                    : ParticipationAnswer.REGISTERED;
            events.add(new ParticipationRegistered(thread, party, answer, false, date.plusDays(day++)));
        }
        events.add(letter(thread, 1, LetterRole.REMINDER, Corpus.KL, invited.iterator().next(), date.plusDays(day),
                subject, random));
        events.add(new ThreadClosed(thread, "Tilmeldingen er afsluttet", date.plusDays(day + 20)));
        return events;
    }

    private static List<ThreadEvent> declined(ThreadId thread, Random random) {
        Party host = Corpus.municipality(random);
        LocalDate date = Corpus.letterDate(random);
        String subject = Corpus.subject(random);
        List<ThreadEvent> events = new ArrayList<>();
        events.add(opening(thread, ThreadKind.SUMMONS, Corpus.MINISTRY, List.of(host), date, subject, random));
        events.add(letter(thread, 1, LetterRole.REPLY, host, Corpus.MINISTRY, date.plusDays(4), subject, random));
        events.add(new InvitationDeclined(thread, host, "Kalenderen er fuld", date.plusDays(4)));
        events.add(new ThreadClosed(thread, "Afslået", date.plusDays(9)));
        return events;
    }

    private static List<ThreadEvent> cancelled(ThreadId thread, Random random) {
        Party host = Corpus.municipality(random);
        Party guest = Corpus.COMMITTEE;
        LocalDate date = Corpus.letterDate(random);
        List<ThreadEvent> events = new ArrayList<>();
        InvitationReceived opened = opening(thread, ThreadKind.INVITATION, host, List.of(guest), date,
                Corpus.subject(random), random);
        events.add(opened);
        events.add(new MeetingAccepted(thread, opened.proposalId(), opened.slots().get(1), guest, null,
                date.plusDays(6)));
        events.add(new MeetingCancelled(thread, host, "Aflyst på grund af sygdom", date.plusDays(20)));
        return events;
    }

    private static InvitationReceived opening(ThreadId thread, ThreadKind kind, Party from, List<Party> to,
                                              LocalDate date, String subject, Random random) {
        DeadlineKind deadline = kind == ThreadKind.REGISTRATION_CALL ? DeadlineKind.REGISTRATION
                : DeadlineKind.RESPONSE;
        return new InvitationReceived(thread, new LetterId(thread.value() + "-l0"), kind,
                Corpus.letter(date, subject, from, to.get(0), Corpus.TEXT_HASHES.get(0), random),
                List.of(from), to, new ProposalId(thread.value() + "-p1"), Corpus.slots(date, random),
                Corpus.location(from), Corpus.deadline(date, deadline), date);
    }

    /** The n-th later letter of a thread: a text of its own within the thread, as the aggregate requires. */
    private static LetterRecorded letter(ThreadId thread, int n, LetterRole role, Party from, Party to,
                                         LocalDate date, String subject, Random random) {
        return new LetterRecorded(thread, new LetterId(thread.value() + "-l" + n), role,
                Corpus.letter(date, "Sv: " + subject, from, to, Corpus.TEXT_HASHES.get(n), random), date);
    }
}
