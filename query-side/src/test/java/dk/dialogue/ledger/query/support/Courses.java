package dk.dialogue.ledger.query.support;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.LetterId;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LetterRole;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.MeetingAccepted;
import dk.dialogue.ledger.events.MeetingHeld;
import dk.dialogue.ledger.events.MeetingRescheduled;
import dk.dialogue.ledger.events.ParticipationAnswer;
import dk.dialogue.ledger.events.ParticipationRegistered;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposalId;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadId;
import dk.dialogue.ledger.events.ThreadKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The three sample courses of correspondence as the events the command side records for them. */
public final class Courses {

    public static final Party KL = new Party(PartyKind.KL, "KL", "Arbejdsmarkeds- og Borgerserviceudvalget");
    public static final Party BEU = new Party(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg", null);
    public static final Party KOBENHAVN = municipality("Københavns Kommune");
    public static final Party AARHUS = municipality("Aarhus Kommune");
    public static final Party ODENSE = municipality("Odense Kommune");
    public static final Party AALBORG = municipality("Aalborg Kommune");
    public static final List<Party> PARTNERS = List.of(municipality("Holbæk Kommune"), municipality("Esbjerg Kommune"),
            municipality("Slagelse Kommune"), municipality("Frederikshavn Kommune"), municipality("Horsens Kommune"),
            municipality("Guldborgsund Kommune"), municipality("Vejle Kommune"), municipality("Herning Kommune"),
            municipality("Kalundborg Kommune"), municipality("Syddjurs Kommune"));
    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    private Courses() {
    }

    public static Party municipality(String name) {
        return new Party(PartyKind.MUNICIPALITY, name, null);
    }

    /** KL invites the committee to job-CAMP19: two alternatives, the first accepted, then held. */
    public static List<ThreadEvent> jobcamp(String threadId, String textSha256) {
        ThreadId id = new ThreadId(threadId);
        ProposalId proposal = new ProposalId("p-" + threadId);
        ProposedSlot lateInTheDay = slot(2019, 11, 6, 15, 18, SlotPrecision.PART_OF_DAY, "den 6. november sidst på dagen");
        ProposedSlot wholeDay = slot(2019, 11, 7, 0, 24, SlotPrecision.DAY, "i løbet af den 7. november");
        Location aalborg = new Location("Aalborg Kongrescenter", "Europa Plads 4, 9000 Aalborg");
        return List.of(
                new InvitationReceived(id, letterId(), ThreadKind.INVITATION,
                        letter(LocalDate.of(2019, 9, 6), "Invitation til JobCAMP19", List.of(KL), textSha256),
                        List.of(KL), List.of(BEU), proposal, List.of(lateInTheDay, wholeDay), aalborg,
                        new Deadline(LocalDate.of(2019, 10, 1), DeadlineKind.RESPONSE, null), LocalDate.of(2019, 9, 6)),
                new MeetingAccepted(id, proposal, lateInTheDay, BEU, aalborg, LocalDate.of(2019, 10, 10)),
                new MeetingHeld(id, lateInTheDay, null, "Besøg gennemført", LocalDate.of(2019, 11, 6)));
    }

    /** The four cities invite the committee for 24 September 2020; moved to 8 October; held. */
    public static List<ThreadEvent> visit(String threadId, String textSha256) {
        ThreadId id = new ThreadId(threadId);
        ProposalId proposal = new ProposalId("p-" + threadId);
        ProposedSlot september = slot(2020, 9, 24, 13, 16, SlotPrecision.EXACT, "torsdag d. 24. september kl. 13.00-16.00");
        ProposedSlot october = slot(2020, 10, 8, 13, 16, SlotPrecision.EXACT, "torsdag den 8. oktober kl. 13-16");
        List<Party> cities = List.of(KOBENHAVN, AARHUS, ODENSE, AALBORG);
        LetterId move = letterId();
        return List.of(
                new InvitationReceived(id, letterId(), ThreadKind.INVITATION,
                        letter(LocalDate.of(2020, 6, 24), "Invitation til besøg i København", cities, textSha256),
                        cities, List.of(BEU), proposal, List.of(september),
                        new Location("Jobcenter København – Gammel Køge Landevej", null), null, LocalDate.of(2020, 6, 24)),
                new MeetingAccepted(id, proposal, september, BEU, null, LocalDate.of(2020, 7, 1)),
                new LetterRecorded(id, move, LetterRole.FOLLOW_UP,
                        letter(LocalDate.of(2020, 8, 27), "Besøget flyttes til 8. oktober", cities, null),
                        LocalDate.of(2020, 8, 27)),
                new MeetingRescheduled(id, september, october, null, KOBENHAVN, "udvalgets ønske",
                        RescheduleBasis.STATED_IN_LETTER, move, LocalDate.of(2020, 8, 27)),
                new MeetingHeld(id, october, null, null, LocalDate.of(2020, 10, 8)));
    }

    /** KL calls ten municipalities to a partnership: five register, two decline, one registers late. */
    public static List<ThreadEvent> partnership(String threadId, String textSha256) {
        ThreadId id = new ThreadId(threadId);
        List<ThreadEvent> events = new ArrayList<>();
        events.add(new InvitationReceived(id, letterId(), ThreadKind.REGISTRATION_CALL,
                letter(LocalDate.of(2013, 3, 19), "Invitation til partnerskab om beskæftigelsesindsatsen", List.of(KL),
                        textSha256),
                List.of(KL), PARTNERS, null, List.of(), null,
                new Deadline(LocalDate.of(2013, 4, 19), DeadlineKind.REGISTRATION, "Tilmeldingsfristen er den 19. april"),
                LocalDate.of(2013, 3, 19)));
        for (int i = 0; i < 5; i++) {
            events.add(new ParticipationRegistered(id, PARTNERS.get(i == 1 ? 6 : i == 2 ? 7 : i),
                    ParticipationAnswer.REGISTERED, false, LocalDate.of(2013, 4, 10 + i)));
        }
        events.add(new ParticipationRegistered(id, PARTNERS.get(1), ParticipationAnswer.DECLINED, false,
                LocalDate.of(2013, 4, 12)));
        events.add(new ParticipationRegistered(id, PARTNERS.get(2), ParticipationAnswer.DECLINED, false,
                LocalDate.of(2013, 4, 15)));
        events.add(new ParticipationRegistered(id, PARTNERS.get(8), ParticipationAnswer.REGISTERED, true,
                LocalDate.of(2013, 4, 25)));
        return events;
    }

    public static Letter letter(LocalDate date, String subject, List<Party> senders, String textSha256) {
        return new Letter(date, List.of(new Reference("Sagsnummer", "19/0" + date.getDayOfYear()),
                new Reference("Dokumentnummer", "")), subject, senders,
                List.of(new Person("Michael Ziegler", "udvalgsformand", senders.get(0), null)),
                List.of(new Recipient(null, null, "Borgmesteren")), List.of(),
                textSha256 == null ? "0".repeat(64) : textSha256);
    }

    public static ProposedSlot slot(int year, int month, int day, int fromHour, int toHour, SlotPrecision precision,
                                    String wording) {
        LocalDateTime start = LocalDateTime.of(year, month, day, 0, 0).plusHours(fromHour);
        LocalDateTime end = LocalDateTime.of(year, month, day, 0, 0).plusHours(toHour);
        return new ProposedSlot(start.atZone(COPENHAGEN).toInstant(), end.atZone(COPENHAGEN).toInstant(), precision,
                wording);
    }

    private static LetterId letterId() {
        return new LetterId(UUID.randomUUID().toString());
    }
}
