package dk.dialogue.ledger.command.support;

/** Request bodies for the command API, modelled on KL's 2019 invitation of the Employment Committee to job-CAMP19. */
public final class Requests {

    public static final String KL = """
            {"kind": "KL", "name": "KL", "unit": "Arbejdsmarkeds- og Borgerserviceudvalget"}""";
    public static final String BEU = """
            {"kind": "COMMITTEE", "name": "Folketingets Beskæftigelsesudvalg", "unit": null}""";
    public static final String AARHUS = """
            {"kind": "MUNICIPALITY", "name": "Aarhus Kommune", "unit": null}""";

    private Requests() {
    }

    /** An invitation with two alternative slots; {@code text} makes the letter distinct. */
    public static String invitation(String text) {
        return """
                {
                  "kind": "INVITATION",
                  "letter": {
                    "letterDate": "2019-09-06",
                    "references": [{"label": "Sagsnummer", "value": "19/01234"}, {"label": "Dokumentnummer", "value": ""}],
                    "subject": "Invitation til JobCAMP19",
                    "senders": [%1$s],
                    "signatories": [{"name": "Michael Ziegler", "title": "udvalgsformand", "party": %1$s, "email": null}],
                    "recipients": [{"party": %2$s, "person": null, "role": null}],
                    "attachments": [{"name": "program.txt", "mediaType": "text/plain", "contentBase64": "UHJvZ3JhbQ=="}],
                    "text": %3$s
                  },
                  "inviting": [%1$s],
                  "invited": [%2$s],
                  "slots": [
                    {"start": "2019-11-06T15:00:00+01:00", "end": "2019-11-06T18:00:00+01:00",
                     "precision": "PART_OF_DAY", "wording": "den 6. november sidst på dagen"},
                    {"start": "2019-11-07T00:00:00+01:00", "end": "2019-11-08T00:00:00+01:00",
                     "precision": "DAY", "wording": "i løbet af den 7. november"}
                  ],
                  "location": {"name": "Aalborg Kongrescenter", "address": "Europa Plads 4, 9000 Aalborg"},
                  "deadline": {"due": "2019-10-01", "kind": "RESPONSE", "wording": null}
                }""".formatted(KL, BEU, quote(text));
    }

    public static String letter(String text) {
        return """
                {"role": "REPLY", "letter": {
                  "letterDate": "2019-09-20", "references": [], "subject": "Svar på invitation til JobCAMP19",
                  "senders": [%s], "signatories": [], "recipients": [], "attachments": [], "text": %s}}"""
                .formatted(BEU, quote(text));
    }

    public static String acceptance(String proposalId, int slot) {
        return """
                {"proposalId": "%s", "slotIndex": %d, "acceptedBy": %s, "businessDate": "2019-09-20"}"""
                .formatted(proposalId, slot, BEU);
    }

    public static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
