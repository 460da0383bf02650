package dk.dialogue.ledger.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.dialogue.ledger.events.ThreadEvent;
import dk.dialogue.ledger.events.upcasting.Upcasters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The published JSON Schemas are a contract with consumers in any language. Each event's schema at its
 * current revision is committed under {@code src/main/resources/schemas}; changing an event so that its
 * schema differs fails this build until the event's revision is raised (a new schema file is published
 * next to the old one) and an upcaster turns stored events of the old revision into the new shape.
 * Run with {@code -Dschemas.write=true} to write the schema of a new revision.
 */
class EventSchemaContractTest {

    private static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> every_event_matches_its_published_schema_at_its_revision() {
        return events().stream().map(event -> DynamicTest.dynamicTest(event.getSimpleName(), () -> {
            ObjectNode generated = EventSchemaGenerator.schema(event);
            Path file = SCHEMAS.resolve(EventSchemaGenerator.typeName(event) + ".json");
            if (Boolean.getBoolean("schemas.write") && !Files.exists(file)) {
                Files.writeString(file, EventSchemaGenerator.pretty(generated), StandardCharsets.UTF_8);
            }
            assertThat(file).as("published schema of " + event.getSimpleName() + "; write it with "
                    + "-Dschemas.write=true").exists();
            JsonNode published = JSON.readTree(file.toFile());
            assertThat(generated).as(event.getSimpleName() + " no longer matches its published schema "
                    + file.getFileName() + ": raise its @Revision, publish the new schema and add an upcaster from "
                    + "the old revision").isEqualTo(published);
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_older_published_revision_has_an_upcaster() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            List<Path> published = files.filter(file -> file.toString().endsWith(".json")).toList();
            return published.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                String name = file.getFileName().toString();
                String simpleName = name.substring("dk.dialogue.ledger.".length(), name.indexOf(".v"));
                String revision = name.substring(name.indexOf(".v") + 2, name.length() - ".json".length());
                Class<?> event = Class.forName("dk.dialogue.ledger.events." + simpleName);
                if (!event.getAnnotation(Revision.class).value().equals(revision)) {
                    String upcaster = "dk.dialogue.ledger.events.upcasting." + simpleName + "V" + revision + "Upcaster";
                    assertThat(Upcasters.all()).as("stored " + simpleName + " events of revision " + revision
                            + " need " + upcaster + " in Upcasters.all()")
                            .anyMatch(registered -> registered.getClass().getName().equals(upcaster));
                }
            }));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Record>> events() {
        return Stream.of("InvitationReceived", "DateProposed", "ProposalWithdrawn", "MeetingAccepted",
                        "InvitationDeclined", "MeetingRescheduled", "MeetingCancelled", "MeetingHeld", "LetterRecorded",
                        "ParticipationRegistered", "DeadlineSet", "ThreadLinked", "ThreadClosed", "RecordCorrected")
                .<Class<? extends Record>>map(name -> {
                    try {
                        Class<?> type = Class.forName("dk.dialogue.ledger.events." + name);
                        assertThat(ThreadEvent.class).isAssignableFrom(type);
                        return (Class<? extends Record>) type;
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
