package dk.dialogue.ledger.query.timeline;

import dk.dialogue.ledger.events.DateProposed;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.DeadlineSet;
import dk.dialogue.ledger.events.InvitationDeclined;
import dk.dialogue.ledger.events.InvitationReceived;
import dk.dialogue.ledger.events.LetterRecorded;
import dk.dialogue.ledger.events.LinkType;
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
import dk.dialogue.ledger.events.RescheduleBasis;
import dk.dialogue.ledger.events.SlotPrecision;
import dk.dialogue.ledger.events.ThreadClosed;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.ThreadLinked;
import dk.dialogue.ledger.query.web.WebConfiguration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of English per event: what happened and who did it. Bodies keep their Danish names and the
 * letters' own words are quoted as written, since that is what a reader will look for in the letters;
 * times are Copenhagen local time. Pure: no clock, no I/O.
 */
public final class TimelineLines {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private TimelineLines() {
    }

    /**
     * The line for one event, and who acted.
     *
     * @param actor the bodies the line names as acting, or {@code null} when the event names none
     */
    public record Line(String text, String actor) {
    }

    public static Line of(ThreadEvent event) {
        if (event instanceof InvitationReceived e) {
            String offered = switch (e.slots().size()) {
                case 0 -> "";
                case 1 -> "; slot: " + alternatives(e.slots());
                default -> "; " + alternatives(e.slots());
            };
            String kind = switch (e.kind()) {
                case INVITATION -> "Invitation";
                case SUMMONS -> "Summons";
                case REGISTRATION_CALL -> "Registration call";
            };
            return new Line(kind + " received from " + names(e.inviting()) + ": " + quoted(e.letter().subject())
                    + " (letter dated " + DATE.format(e.letter().letterDate()) + offered + ")", names(e.inviting()));
        }
        if (event instanceof DateProposed e) {
            return by(e.proposedBy(), "proposed " + alternatives(e.slots())
                    + (e.counters() == null ? "" : ", replacing an earlier proposal"));
        }
        if (event instanceof ProposalWithdrawn e) {
            return by(e.withdrawnBy(), "withdrew its proposal" + remark(e.reason()));
        }
        if (event instanceof MeetingAccepted e) {
            return by(e.acceptedBy(), "accepted " + slot(e.slot()));
        }
        if (event instanceof InvitationDeclined e) {
            return by(e.declinedBy(), "declined the invitation" + remark(e.reason()));
        }
        if (event instanceof MeetingRescheduled e) {
            return by(e.requestedBy(), "moved the meeting from " + slot(e.previousSlot()) + " to " + slot(e.newSlot())
                    + at(e.location())
                    + (e.basis() == RescheduleBasis.INFERRED_FROM_LATER_LETTER ? ", as a later letter implies" : "")
                    + remark(e.reason()));
        }
        if (event instanceof MeetingCancelled e) {
            return by(e.cancelledBy(), "cancelled the meeting" + remark(e.reason()));
        }
        if (event instanceof MeetingHeld e) {
            // A thread whose history lacks the plan still gets its line, so a rebuild does not stop on it.
            boolean asPlanned = e.plannedSlot() == null || e.businessDate().equals(
                    LocalDate.ofInstant(e.plannedSlot().start(), WebConfiguration.COPENHAGEN));
            return new Line("Meeting held on " + DAY.format(e.businessDate()) + at(e.location())
                    + (asPlanned ? "" : ", planned for " + slot(e.plannedSlot())) + remark(e.note()), null);
        }
        if (event instanceof LetterRecorded e) {
            String role = switch (e.role()) {
                case REPLY -> "Reply";
                case REMINDER -> "Reminder";
                case FOLLOW_UP -> "Follow-up letter";
                case OTHER -> "Letter";
            };
            return new Line(role + " received from " + names(e.letter().senders()) + ": "
                    + quoted(e.letter().subject()) + " (letter dated " + DATE.format(e.letter().letterDate()) + ")",
                    names(e.letter().senders()));
        }
        if (event instanceof ParticipationRegistered e) {
            return by(e.party(), (e.answer() == ParticipationAnswer.REGISTERED ? "registered" : "declined to take part")
                    + (e.late() ? " after the registration deadline" : ""));
        }
        if (event instanceof DeadlineSet e) {
            return new Line((e.deadline().kind() == DeadlineKind.REGISTRATION ? "Registration" : "Response")
                    + " deadline set to " + DATE.format(e.deadline().due()) + remark(e.deadline().wording()), null);
        }
        if (event instanceof ThreadLinked e) {
            return new Line((e.linkType() == LinkType.FOLLOW_UP_OF ? "Linked as the follow-up of thread "
                    : "Linked to related thread ") + e.linkedThreadId() + remark(e.note()), null);
        }
        if (event instanceof ThreadClosed e) {
            return new Line("Thread closed" + remark(e.reason()), null);
        }
        if (event instanceof RecordCorrected e) {
            return new Line("Registration of the letter " + quoted(e.correctedLetter().subject()) + " (letter dated "
                    + DATE.format(e.correctedLetter().letterDate()) + ") corrected" + remark(e.reason()), null);
        }
        throw new IllegalStateException("no timeline line for " + event.getClass().getName());
    }

    private static Line by(Party party, String what) {
        return new Line(party.name() + " " + what, party.name());
    }

    /** "A", "A and B", "A, B and C"; bodies only, as a unit acts for its body. */
    private static String names(List<Party> parties) {
        List<String> names = parties.stream().map(Party::name).toList();
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** One slot as the letter words it, or several counted, each as worded; the time stands in for missing words. */
    private static String alternatives(List<ProposedSlot> slots) {
        String worded = slots.stream()
                .map(slot -> blank(slot.wording()) ? when(slot) : quoted(slot.wording()))
                .collect(Collectors.joining(", "));
        return slots.size() == 1 ? worded : slots.size() + " alternative slots: " + worded;
    }

    /** A slot as the letter words it, with the time it stands for. */
    private static String slot(ProposedSlot slot) {
        return blank(slot.wording()) ? when(slot) : quoted(slot.wording()) + " (" + when(slot) + ")";
    }

    /**
     * At the letter's precision, e.g. "Wednesday 6 November 2019, 15:00–18:00", "Thursday 7 November 2019" or
     * "1 September 2022 – 30 November 2022".
     */
    private static String when(ProposedSlot slot) {
        ZonedDateTime start = slot.start().atZone(WebConfiguration.COPENHAGEN);
        ZonedDateTime end = slot.end().atZone(WebConfiguration.COPENHAGEN);
        // The end is exclusive: a slot of all of 7 November ends at midnight, on the 8th.
        LocalDate lastDay = end.minusNanos(1).toLocalDate();
        boolean oneDay = start.toLocalDate().equals(lastDay);
        if (slot.precision() == SlotPrecision.DAY || slot.precision() == SlotPrecision.PERIOD) {
            return oneDay ? DAY.format(start) : DATE.format(start) + " – " + DATE.format(lastDay);
        }
        if (oneDay) {
            String until = end.toLocalTime().equals(LocalTime.MIDNIGHT) ? "24:00" : TIME.format(end);
            return DAY.format(start) + ", " + TIME.format(start) + "–" + until;
        }
        return DAY.format(start) + ", " + TIME.format(start) + " – " + DAY.format(end) + ", " + TIME.format(end);
    }

    private static String at(Location location) {
        return location == null ? "" : " at " + location.name();
    }

    /** A reason, note or the letter's wording, quoted after a colon; nothing when there is none. */
    private static String remark(String words) {
        return blank(words) ? "" : ": " + quoted(words);
    }

    private static String quoted(String words) {
        return "\"" + words + "\"";
    }

    private static boolean blank(String words) {
        return words == null || words.isBlank();
    }
}
