package dk.dialogue.ledger.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON Schemas of the feed's event types, as published with the shared-events contract. */
@RestController
@RequestMapping("/api/feed/schemas")
@Tag(name = "Feed")
public class FeedSchemas {

    private final Map<String, JsonNode> schemas = new TreeMap<>();

    public FeedSchemas() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/*.json")) {
            try (InputStream in = resource.getInputStream()) {
                JsonNode schema = json.readTree(in);
                schemas.put(schema.get("$id").asText(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable schema " + resource, e);
            }
        }
    }

    @GetMapping
    @Operation(summary = "Every event type's JSON Schema, by type name (e.g. dk.dialogue.ledger.DateProposed.v1)")
    public Map<String, JsonNode> all() {
        return schemas;
    }

    @GetMapping("/{type}")
    @Operation(summary = "One event type's JSON Schema")
    public JsonNode one(@PathVariable String type) {
        JsonNode schema = schemas.get(type);
        if (schema == null) {
            throw new NotFound("no event type " + type);
        }
        return schema;
    }
}
