package dk.dialogue.ledger.command.thread;

import dk.dialogue.ledger.command.web.Violations;
import java.util.Base64;

/**
 * An attachment as sent over HTTP.
 *
 * @param name          file name or title
 * @param mediaType     e.g. "application/pdf"; defaults to "application/octet-stream"
 * @param contentBase64 the content, base64-encoded
 */
public record AttachmentInput(String name, String mediaType, String contentBase64) {

    void validate(String field, Violations violations) {
        violations.requiredText(field + ".name", name, Violations.SHORT_TEXT);
        violations.optionalText(field + ".mediaType", mediaType, Violations.SHORT_TEXT);
        violations.requiredText(field + ".contentBase64", contentBase64, Integer.MAX_VALUE);
        if (contentBase64 != null) {
            try {
                Base64.getMimeDecoder().decode(contentBase64);
            } catch (IllegalArgumentException e) {
                violations.add(field + ".contentBase64", "is not valid base64");
            }
        }
    }
}
