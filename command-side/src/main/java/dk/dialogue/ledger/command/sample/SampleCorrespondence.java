package dk.dialogue.ledger.command.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Records the sample courses of {@code samples/courses/*.json} through the command API, as a clerk would:
 * over HTTP, so every event goes through the same validation, rules and metadata as real input. Each step
 * carries an Idempotency-Key made of the course name and step number, so loading again records nothing new.
 *
 * <p>Run against a running command side with
 * {@code java -cp ... dk.dialogue.ledger.command.sample.SampleCorrespondence http://localhost:8080 clerk clerk}.
 */
public final class SampleCorrespondence {

    private static final Logger log = LoggerFactory.getLogger(SampleCorrespondence.class);
    private static final String COURSES = "classpath:samples/courses/*.json";
    private static final String LETTERS = "classpath:samples/letters/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    /**
     * @param baseUrl  where the command side listens, e.g. {@code http://localhost:8080}
     * @param user     a user with the CLERK role
     * @param password its password
     */
    public SampleCorrespondence(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SampleCorrespondence <base-url> <user> <password>");
            System.exit(2);
        }
        try {
            new SampleCorrespondence(args[0], args[1], args[2]).loadAll();
        } catch (IllegalStateException e) {
            // The message names the course, the step and the service's answer; a stack trace adds nothing.
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Loads every course in file-name order, logging one line per course. */
    public List<LoadedCourse> loadAll() {
        List<LoadedCourse> loaded = new ArrayList<>();
        for (Course course : courses()) {
            loaded.add(load(course));
        }
        return loaded;
    }

    /** The courses on the classpath, in file-name order, so that every run records them in the same order. */
    List<Course> courses() {
        try {
            return Arrays.stream(resources.getResources(COURSES))
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .map(SampleCorrespondence::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + COURSES, e);
        }
    }

    LoadedCourse load(Course course) {
        Substitutions substitutions = new Substitutions(this::letter);
        List<Course.Step> steps = course.steps();
        for (int i = 0; i < steps.size(); i++) {
            Course.Step step = steps.get(i);
            int number = i + 1;
            try {
                JsonNode answer = post(substitutions.interpolate(step.post()), substitutions.resolve(step.body()),
                        "sample:" + course.name() + ":" + number);
                if (step.capture() != null) {
                    substitutions.capture(step.capture(), answer);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("sample course " + course.name() + ", step " + number + " of "
                        + steps.size() + " (POST " + step.post() + "): " + e.getMessage(), e);
            }
        }
        LoadedCourse loaded = new LoadedCourse(course.name(), substitutions.captured());
        log.info("Loaded sample course {} ({} steps, threads {}): {}", course.name(), steps.size(),
                loaded.threadIds(), course.description());
        return loaded;
    }

    private JsonNode post(String path, JsonNode body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("answered HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("answered with something other than JSON: " + response.body(), e);
        }
    }

    private static Course read(Resource resource) {
        String file = resource.getFilename();
        Course course;
        try (var in = resource.getInputStream()) {
            course = JSON.readValue(in, Course.class);
        } catch (IOException e) {
            throw new IllegalStateException("samples/courses/" + file + " is not a valid course: " + e.getMessage(), e);
        }
        // Names key the steps' Idempotency-Keys; tying them to file names keeps them unique and findable.
        if (!file.equals(course.name() + ".json")) {
            throw new IllegalStateException("samples/courses/" + file + " must be named after its course, "
                    + course.name() + ".json");
        }
        return course;
    }

    private String letter(String file) {
        Resource resource = resources.getResource(LETTERS + file);
        if (!resource.exists()) {
            throw new IllegalArgumentException("there is no letter samples/letters/" + file);
        }
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read samples/letters/" + file, e);
        }
    }

    /**
     * A course as recorded.
     *
     * @param name     the course's name
     * @param captured the answers the course captured, by capture name
     */
    public record LoadedCourse(String name, Map<String, JsonNode> captured) {

        /** The threads the course opened or acted on. */
        public List<String> threadIds() {
            return captured.values().stream()
                    .map(answer -> answer.path("threadId").asText(null))
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
        }
    }
}
