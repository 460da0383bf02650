package dk.dialogue.ledger.query.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One event in the CloudEvents 1.0 JSON format, with the ledger's extension attributes.
 *
 * @param id                 the event's id, unique in the ledger
 * @param source             the ledger
 * @param type               a stable type name, see {@link FeedTypes}
 * @param subject            the thread id
 * @param time               when the ledger recorded the event
 * @param data               the event's payload: the JSON text the feed stored (type {@code json}, checked by
 *                           PostgreSQL on input), written into the CloudEvent as it is, not parsed and rendered again ({@link RawJson})
 * @param ledgerposition     the event's position in the feed: 1, 2, 3, ... without gaps
 * @param ledgersequence     the event's number within its thread, from 0
 * @param ledgerbusinessdate the business date (letter date or effective date)
 * @param ledgercorrelationid the correlation id of the request that recorded it
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "ledgerposition",
        "ledgersequence", "ledgerbusinessdate", "ledgercorrelationid", "data"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, String time,
                         String datacontenttype, long ledgerposition, long ledgersequence, String ledgerbusinessdate,
                         String ledgercorrelationid,
                         @Schema(type = "object", description = "the event's payload") RawJson data) {
}
