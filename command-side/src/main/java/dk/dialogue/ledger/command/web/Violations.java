package dk.dialogue.ledger.command.web;

import dk.dialogue.ledger.events.Deadline;
import dk.dialogue.ledger.events.Location;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.Person;
import dk.dialogue.ledger.events.ProposedSlot;
import dk.dialogue.ledger.events.Recipient;
import dk.dialogue.ledger.events.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Collects what is wrong with a request, naming each field by its JSON path. Checks shape only (presence,
 * length, format); the domain's rules are the aggregate's.
 */
public final class Violations {

    /** Names, titles, labels, reasons: anything a person writes on one line. */
    public static final int SHORT_TEXT = 500;
    /** Subjects, notes and wordings. */
    public static final int LONG_TEXT = 4_000;
    /** Entries in one list, e.g. the municipalities invited. */
    public static final int MAX_ITEMS = 200;

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    public boolean required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public void requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required and must not be blank");
        } else {
            optionalText(field, value, max);
        }
    }

    public void optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
    }

    public <T> void list(String field, List<T> items, boolean nonEmpty, BiConsumer<String, T> each) {
        if (items == null || items.isEmpty()) {
            if (nonEmpty) {
                add(field, "needs at least one entry");
            }
            return;
        }
        if (items.size() > MAX_ITEMS) {
            add(field, "must have at most " + MAX_ITEMS + " entries");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String path = field + "[" + i + "]";
            if (required(path, items.get(i))) {
                each.accept(path, items.get(i));
            }
        }
    }

    public void party(String field, Party party) {
        if (required(field, party)) {
            required(field + ".kind", party.kind());
            requiredText(field + ".name", party.name(), SHORT_TEXT);
            optionalText(field + ".unit", party.unit(), SHORT_TEXT);
        }
    }

    public void person(String field, Person person) {
        requiredText(field + ".name", person.name(), SHORT_TEXT);
        optionalText(field + ".title", person.title(), SHORT_TEXT);
        optionalText(field + ".email", person.email(), SHORT_TEXT);
        if (person.party() != null) {
            party(field + ".party", person.party());
        }
    }

    public void recipient(String field, Recipient recipient) {
        if (recipient.party() == null && recipient.person() == null
                && (recipient.role() == null || recipient.role().isBlank())) {
            add(field, "needs a party, a person or a role");
        }
        if (recipient.party() != null) {
            party(field + ".party", recipient.party());
        }
        if (recipient.person() != null) {
            person(field + ".person", recipient.person());
        }
        optionalText(field + ".role", recipient.role(), SHORT_TEXT);
    }

    public void reference(String field, Reference reference) {
        requiredText(field + ".label", reference.label(), SHORT_TEXT);
        optionalText(field + ".value", reference.value(), SHORT_TEXT);
    }

    public void slot(String field, ProposedSlot slot) {
        if (required(field, slot)) {
            required(field + ".start", slot.start());
            required(field + ".end", slot.end());
            required(field + ".precision", slot.precision());
            optionalText(field + ".wording", slot.wording(), LONG_TEXT);
        }
    }

    public void location(String field, Location location) {
        if (location != null) {
            requiredText(field + ".name", location.name(), SHORT_TEXT);
            optionalText(field + ".address", location.address(), SHORT_TEXT);
        }
    }

    public void deadline(String field, Deadline deadline) {
        if (required(field, deadline)) {
            required(field + ".due", deadline.due());
            required(field + ".kind", deadline.kind());
            optionalText(field + ".wording", deadline.wording(), LONG_TEXT);
        }
    }
}
