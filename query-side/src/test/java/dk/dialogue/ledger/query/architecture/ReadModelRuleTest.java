package dk.dialogue.ledger.query.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The read-model rule of {@link ArchitectureTest} checked against small made-up read models, so it can fail. */
class ReadModelRuleTest {

    private static final String FIXTURE = "dk.dialogue.ledger.query.architecture.fixture";

    private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void a_meeting_controller_reading_the_thread_repository_breaks_the_rule() {
        EvaluationResult result = ArchitectureTest.readModelsShareOnlyPartyIdsAndEventInfos(FIXTURE, Set.of())
                .evaluate(fixtures);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .contains(FIXTURE + ".meeting.MeetingController")
                        .contains(FIXTURE + ".thread.ThreadStatusRepository"));
    }

    @Test
    void a_timeline_controller_using_party_ids_and_its_own_classes_is_not_reported() {
        EvaluationResult result = ArchitectureTest.readModelsShareOnlyPartyIdsAndEventInfos(FIXTURE, Set.of())
                .evaluate(fixtures);

        assertThat(result.getFailureReport().getDetails())
                .noneMatch(line -> line.contains("TimelineController"))
                .noneMatch(line -> line.contains("PartyIds"));
    }

    @Test
    void a_tolerated_use_is_ignored_only_for_the_exact_origin_and_target() {
        EvaluationResult tolerated = ArchitectureTest.readModelsShareOnlyPartyIdsAndEventInfos(FIXTURE,
                Set.of("meeting.MeetingController -> thread.ThreadStatusRepository")).evaluate(fixtures);
        EvaluationResult otherTarget = ArchitectureTest.readModelsShareOnlyPartyIdsAndEventInfos(FIXTURE,
                Set.of("meeting.MeetingController -> thread.PartyIds")).evaluate(fixtures);

        assertThat(tolerated.hasViolation()).isFalse();
        assertThat(otherTarget.hasViolation()).isTrue();
    }
}
