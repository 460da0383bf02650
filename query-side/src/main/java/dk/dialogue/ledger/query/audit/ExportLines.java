package dk.dialogue.ledger.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.Hashes;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lines of an export, written by the server and read back by the offline verifier. */
public final class ExportLines {

    private ExportLines() {
    }

    static Map<String, Object> digest(Digest d) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "digest");
        line.put("sequence", d.sequence());
        line.put("createdAt", d.createdAt().toString());
        line.put("boundaryTxId", d.boundaryTxId());
        line.put("lastPosition", d.lastPosition());
        line.put("eventCount", d.eventCount());
        line.put("threadCount", d.threadCount());
        line.put("root", d.root());
        line.put("previous", d.previous());
        line.put("keyId", d.keyId());
        line.put("signature", d.signature());
        return line;
    }

    static Map<String, Object> head(long digest, ChainHead head) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "sealedHead");
        line.put("digest", digest);
        line.put("threadId", head.threadId());
        line.put("sequence", head.sequence());
        line.put("hash", Hashes.hex(head.hash()));
        return line;
    }

    /** Payload and metadata as base64 of the stored bytes: re-encoded JSON would not hash the same. */
    static void event(JsonGenerator json, StoredEvent e) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", "event");
        json.writeNumberField("position", e.position());
        json.writeNumberField("txId", e.txId());
        json.writeStringField("threadId", e.threadId());
        json.writeNumberField("sequence", e.sequence());
        json.writeStringField("eventId", e.eventId());
        json.writeStringField("aggregateType", e.aggregateType());
        json.writeStringField("payloadType", e.payloadType());
        json.writeStringField("revision", e.payloadRevision());
        json.writeStringField("timeStamp", e.timeStamp());
        json.writeStringField("payload", Base64.getEncoder().encodeToString(e.payload()));
        json.writeStringField("metaData", e.metaData() == null ? null : Base64.getEncoder().encodeToString(e.metaData()));
        json.writeStringField("hash", Hashes.hex(e.hash()));
        json.writeEndObject();
    }

    public static Digest digest(JsonNode line) {
        return new Digest(line.get("sequence").asLong(), Instant.parse(line.get("createdAt").asText()),
                line.get("boundaryTxId").asLong(), line.get("lastPosition").asLong(), line.get("eventCount").asLong(),
                line.get("threadCount").asLong(), line.get("root").asText(), line.get("previous").asText(),
                line.get("keyId").asText(), line.get("signature").asText());
    }

    public static ChainHead head(JsonNode line) {
        return new ChainHead(line.get("threadId").asText(), line.get("sequence").asLong(),
                Hashes.unhex(line.get("hash").asText()));
    }

    public static StoredEvent event(JsonNode line) {
        JsonNode meta = line.get("metaData");
        JsonNode revision = line.get("revision");
        JsonNode type = line.get("aggregateType");
        return new StoredEvent(line.get("position").asLong(), line.get("txId").asLong(), line.get("threadId").asText(),
                line.get("sequence").asLong(), line.get("eventId").asText(),
                type == null || type.isNull() ? null : type.asText(), line.get("payloadType").asText(),
                revision == null || revision.isNull() ? null : revision.asText(), line.get("timeStamp").asText(),
                Base64.getDecoder().decode(line.get("payload").asText()),
                meta == null || meta.isNull() ? null : Base64.getDecoder().decode(meta.asText()),
                Hashes.unhex(line.get("hash").asText()));
    }
}
