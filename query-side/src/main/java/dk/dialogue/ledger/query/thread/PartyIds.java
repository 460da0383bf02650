package dk.dialogue.ledger.query.thread;

import dk.dialogue.ledger.events.Party;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Stable, URL-friendly ids for parties: kind and name, e.g. {@code municipality-aarhus-kommune} or
 * {@code committee-folketingets-beskæftigelsesudvalg}. A unit acts for its body, so it is not part of the id.
 */
public final class PartyIds {

    private PartyIds() {
    }

    public static String of(Party party) {
        String name = Normalizer.normalize(party.name().trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFC)
                .replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("(^-|-$)", "");
        return party.kind().name().toLowerCase(Locale.ROOT) + "-" + name;
    }
}
