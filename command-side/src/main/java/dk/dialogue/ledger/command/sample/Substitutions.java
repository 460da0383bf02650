package dk.dialogue.ledger.command.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in a course's steps as it runs: {@code ${name.field}} becomes a field of the answer captured as
 * {@code name}, and a string that is exactly {@code @letters/<file>} becomes that letter's text. Ids are
 * issued by the ledger, so a course can only refer to them by what earlier answers said.
 */
final class Substitutions {

    static final String LETTER_PREFIX = "@letters/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final UnaryOperator<String> letters;
    private final Map<String, JsonNode> captured = new LinkedHashMap<>();

    /** @param letters the text of a letter file, by file name; throws when there is no such file */
    Substitutions(UnaryOperator<String> letters) {
        this.letters = letters;
    }

    void capture(String name, JsonNode answer) {
        if (captured.putIfAbsent(name, answer) != null) {
            throw new IllegalArgumentException("\"" + name + "\" is already captured by an earlier step");
        }
    }

    /** Every answer captured so far, by name. */
    Map<String, JsonNode> captured() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(captured));
    }

    /** Replaces each {@code ${name.field}} in a path or string value. */
    String interpolate(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(value(matcher.group(1))));
        }
        return matcher.appendTail(result).toString();
    }

    /** A copy of the body with every string value substituted; letter texts are taken verbatim. */
    JsonNode resolve(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return TextNode.valueOf(text.startsWith(LETTER_PREFIX)
                    ? letters.apply(text.substring(LETTER_PREFIX.length()))
                    : interpolate(text));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), resolve(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }

    private String value(String reference) {
        int dot = reference.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("${" + reference + "} must have the form ${name.field}");
        }
        String name = reference.substring(0, dot);
        String field = reference.substring(dot + 1);
        JsonNode answer = captured.get(name);
        if (answer == null) {
            throw new IllegalArgumentException("${" + reference + "}: no earlier step captured \"" + name
                    + "\"; captured so far: " + captured.keySet());
        }
        JsonNode value = answer.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw new IllegalArgumentException("${" + reference + "}: the answer captured as \"" + name
                    + "\" has no field \"" + field + "\"; it was " + answer);
        }
        return value.asText();
    }
}
