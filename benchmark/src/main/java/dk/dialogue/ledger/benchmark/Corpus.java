package dk.dialogue.ledger.benchmark;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.PartyKind;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import dk.dialogue.ledger.events.SlotPrecision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The parties, places, dates and letters of realistic correspondence, shared by the bulk loader and the
 * HTTP load so both write events of the same shape and size as the sample courses.
 */
final class Corpus {

    static final Party KL = new Party(PartyKind.KL, "KL", "Arbejdsmarked og Erhverv");
    static final Party MINISTRY = new Party(PartyKind.MINISTRY, "Beskæftigelsesministeriet", null);
    static final Party COMMITTEE = new Party(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg", null);

    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final List<String> MUNICIPALITIES = List.of("Københavns Kommune", "Aarhus Kommune",
            "Odense Kommune", "Aalborg Kommune", "Esbjerg Kommune", "Randers Kommune", "Kolding Kommune",
            "Horsens Kommune", "Vejle Kommune", "Roskilde Kommune", "Herning Kommune", "Silkeborg Kommune",
            "Næstved Kommune", "Frederiksberg Kommune", "Viborg Kommune", "Køge Kommune", "Holstebro Kommune",
            "Slagelse Kommune", "Gentofte Kommune", "Sønderborg Kommune", "Holbæk Kommune", "Hjørring Kommune",
            "Gladsaxe Kommune", "Guldborgsund Kommune", "Helsingør Kommune", "Frederikshavn Kommune",
            "Svendborg Kommune", "Skanderborg Kommune", "Ringkøbing-Skjern Kommune", "Haderslev Kommune");
    private static final List<String> SUBJECTS = List.of("Invitation til dialogmøde om beskæftigelsesindsatsen",
            "Indkaldelse til partnerskabsmøde", "Invitation til besøg på jobcentret",
            "Opfølgning på aftale om virksomhedsrettet indsats", "Tilmelding til temadag om ledighed",
            "Invitation til møde om sygedagpengeområdet");
    /** Full letter texts, about 1.5 kB each like the sample letters; the events carry only their hashes. */
    static final List<String> TEXTS = List.of(text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7));
    static final List<String> TEXT_HASHES = TEXTS.stream().map(Corpus::sha256).toList();

    private Corpus() {
    }

    static Party municipality(Random random) {
        String name = MUNICIPALITIES.get(random.nextInt(MUNICIPALITIES.size()));
        return new Party(PartyKind.MUNICIPALITY, name, "Jobcenter " + name.replace(" Kommune", ""));
    }

    static String subject(Random random) {
        return SUBJECTS.get(random.nextInt(SUBJECTS.size()));
    }

    static Location location(Party host) {
        return new Location(host.unit() == null ? host.name() : host.unit(), "Rådhuspladsen 1");
    }

    /** A letter whose full text has the given hash; dated, referenced, signed and addressed like a real one. */
    static Letter letter(LocalDate date, String subject, Party sender, Party addressee, String textSha256,
                         Random random) {
        return new Letter(date,
                List.of(new Reference("Sagsnummer", date.getYear() + "-" + (100_000 + random.nextInt(900_000))),
                        new Reference("Dokumentnummer", "")),
                subject, List.of(sender),
                List.of(new Person("Mette Frederiksen Hansen", "Direktør", sender, "mfh@example.dk")),
                List.of(new Recipient(addressee, null, "Udvalgets medlemmer")),
                List.of(), textSha256);
    }

    /** Two alternative afternoons a few weeks after the letter. */
    static List<ProposedSlot> slots(LocalDate letterDate, Random random) {
        LocalDate day = letterDate.plusDays(14 + random.nextInt(40));
        return List.of(slot(day), slot(day.plusDays(7)));
    }

    /** An afternoon slot, 13.00-16.00. */
    static ProposedSlot slot(LocalDate day) {
        return slot(day, 13);
    }

    /** Three hours from the given hour; a reschedule uses a morning so it never lands on the planned slot. */
    static ProposedSlot slot(LocalDate day, int hour) {
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(hour, 0), COPENHAGEN);
        return new ProposedSlot(start.toInstant(), start.plusHours(3).toInstant(), SlotPrecision.EXACT,
                "den " + day.getDayOfMonth() + "/" + day.getMonthValue() + " kl. " + hour + ".00-" + (hour + 3)
                        + ".00");
    }

    static Deadline deadline(LocalDate letterDate, DeadlineKind kind) {
        LocalDate due = letterDate.plusDays(10);
        return new Deadline(due, kind, "Svar senest den " + due.getDayOfMonth() + "/" + due.getMonthValue());
    }

    static LocalDate letterDate(Random random) {
        return LocalDate.of(2010, 1, 4).plusDays(random.nextInt(15 * 365));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A distinct letter text: the bodies of the sample letters, numbered so no two are the same. */
    static String text(long number) {
        return "Kære modtager\n\nVi vil hermed gerne invitere jer til et dialogmøde om beskæftigelsesindsatsen, "
                + "hvor vi drøfter erfaringerne med den virksomhedsrettede indsats, samarbejdet med de lokale "
                + "virksomheder og indsatsen for borgere på kanten af arbejdsmarkedet. Mødet indledes med en kort "
                + "præsentation af jobcentrets resultater, hvorefter der er rundvisning og mulighed for at tale "
                + "med medarbejdere og borgere, der har deltaget i forløbene.\n\n"
                + "Vi foreslår, at mødet holdes i løbet af eftermiddagen, og vi står gerne for forplejning og "
                + "transport fra stationen. Giv venligst besked om, hvilke af de foreslåede tidspunkter der passer "
                + "jer, eller foreslå et andet tidspunkt, så finder vi en løsning.\n\n"
                + "Programmet sendes ud, når tidspunktet er på plads. Spørgsmål kan rettes til sekretariatet, "
                + "som også koordinerer med de øvrige deltagende kommuner og med KL.\n\n"
                + "Vi ser frem til at byde jer velkommen.\n\nMed venlig hilsen\n\nBorgmesteren\n\n"
                + "Brev nr. " + number + "\n";
    }
}
