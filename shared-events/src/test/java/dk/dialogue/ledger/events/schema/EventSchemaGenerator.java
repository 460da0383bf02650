package dk.dialogue.ledger.events.schema;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.serialization.Revision;

/**
 * Derives the JSON Schema (draft 2020-12) of an event from its record, exactly as {@code EventJson} writes
 * it: every component present (null when absent), ids as strings, dates and instants as ISO-8601 text.
 */
public final class EventSchemaGenerator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventSchemaGenerator() {
    }

    public static String typeName(Class<?> event) {
        return "dk.dialogue.ledger." + event.getSimpleName() + ".v" + event.getAnnotation(Revision.class).value();
    }

    public static ObjectNode schema(Class<? extends Record> event) {
        Map<String, ObjectNode> definitions = new TreeMap<>();
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", typeName(event));
        schema.put("title", event.getSimpleName());
        schema.setAll(recordSchema(event, definitions));
        if (!definitions.isEmpty()) {
            ObjectNode defs = schema.putObject("$defs");
            definitions.forEach(defs::set);
        }
        return schema;
    }

    public static String pretty(ObjectNode schema) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode recordSchema(Class<?> record, Map<String, ObjectNode> definitions) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), typeSchema(component.getGenericType(), definitions));
            required.add(component.getName());
        }
        return schema;
    }

    private static ObjectNode typeSchema(Type type, Map<String, ObjectNode> definitions) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", typeSchema(parameterized.getActualTypeArguments()[0], definitions));
            return array;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (raw == long.class || raw == int.class) {
            return JSON.objectNode().put("type", "integer");
        }
        ObjectNode schema;
        if (raw == String.class) {
            schema = JSON.objectNode().put("type", "string");
        } else if (raw == LocalDate.class) {
            schema = JSON.objectNode().put("type", "string").put("format", "date");
        } else if (raw == Instant.class) {
            schema = JSON.objectNode().put("type", "string").put("format", "date-time");
        } else if (raw.isEnum()) {
            schema = JSON.objectNode().put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (raw.isRecord() && isSingleValue(raw)) {
            schema = JSON.objectNode().put("type", "string");
        } else if (raw.isRecord()) {
            definitions.computeIfAbsent(raw.getSimpleName(), name -> JSON.objectNode());
            if (definitions.get(raw.getSimpleName()).isEmpty()) {
                definitions.put(raw.getSimpleName(), recordSchema(raw, definitions));
            }
            schema = JSON.objectNode().put("$ref", "#/$defs/" + raw.getSimpleName());
        } else {
            throw new IllegalArgumentException("no JSON Schema rule for " + raw.getName());
        }
        // Absent values are written as null.
        ObjectNode nullable = JSON.objectNode();
        nullable.putArray("anyOf").add(schema).add(JSON.objectNode().put("type", "null"));
        return nullable;
    }

    /** Ids such as ThreadId serialise as their one string value. */
    private static boolean isSingleValue(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        return components.length == 1 && components[0].getAccessor().isAnnotationPresent(JsonValue.class);
    }
}
