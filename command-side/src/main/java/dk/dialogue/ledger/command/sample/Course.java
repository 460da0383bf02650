package dk.dialogue.ledger.command.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One course of correspondence as read from {@code samples/courses/*.json}: the requests that record it,
 * in order. See the README beside the course files for the format.
 *
 * @param name        identifies the course; with the step number it makes each step's Idempotency-Key
 * @param description what happens in the course, for people reading the file or the log
 * @param steps       the requests, sent one after the other
 */
record Course(String name, String description, List<Step> steps) {

    /** Printable ASCII without spaces, because the name goes into the Idempotency-Key header. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    Course {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 100 letters, digits, '.', '_' or '-', not " + name);
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("course " + name + " has no steps");
        }
        steps = List.copyOf(steps);
    }

    /**
     * One request.
     *
     * @param post    the path to POST to, e.g. {@code /api/threads/${visit.threadId}/acceptance}
     * @param capture name under which to keep the answer's fields for later steps, or {@code null}
     * @param body    the JSON body, before substitution
     */
    record Step(String post, String capture, JsonNode body) {

        Step {
            if (post == null || !post.startsWith("/")) {
                throw new IllegalArgumentException("every step needs a \"post\" path starting with '/'");
            }
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("step POST " + post + " needs a JSON object as \"body\"");
            }
        }
    }
}
