package dk.dialogue.ledger.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@AnalyzeClasses(packages = "dk.dialogue.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String QUERY = "dk.dialogue.ledger.query";

    /** The read models of the query side; today only {@code thread} exists, the others are planned. */
    static final List<String> READ_MODELS = List.of("thread", "timeline", "meeting", "party");

    /** What one read model may use of another: the party ids and the event recording metadata. */
    static final List<String> SHARED = List.of("thread.PartyIds", "thread.EventInfos", "thread.EventInfo",
            "thread.ThreadSequence");

    /**
     * Uses of another read model's internals that exist already and are tolerated until they are reworked, as
     * {@code origin -> target} top-level classes relative to the query package. Every other use fails the rule;
     * delete an entry once its use is gone.
     */
    static final Set<String> TOLERATED = Set.of(
            "party.PartyController -> thread.ThreadStatusRepository",
            "party.PartyController -> thread.ThreadSummary",
            "party.PartyOverview -> thread.ThreadSummary",
            "party.PartyRepository -> thread.ThreadStatusTables");

    @ArchTest
    static final ArchRule the_query_side_never_depends_on_the_command_side = noClasses()
            .that().resideInAPackage("dk.dialogue.ledger.query..")
            .should().dependOnClassesThat().resideInAPackage("dk.dialogue.ledger.command..");

    @ArchTest
    static final ArchRule the_thread_fold_is_pure_and_knows_no_spring_jdbc_axon_or_clock = noClasses()
            .that().haveNameMatching("dk\\.dialogue\\.ledger\\.query\\.thread\\.ThreadFold(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "java.sql..", "javax.sql..", "jakarta..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now");

    @ArchTest
    static final ArchRule read_models_use_nothing_of_each_other_but_party_ids_and_event_infos =
            readModelsShareOnlyPartyIdsAndEventInfos(QUERY, TOLERATED);

    /**
     * Classes of one read model ({@code root.thread..}, {@code root.timeline..}, ...) may depend on another read
     * model only through its shared classes, so a controller of one read model cannot read another's repository.
     */
    static ArchRule readModelsShareOnlyPartyIdsAndEventInfos(String root, Set<String> tolerated) {
        String[] packages = READ_MODELS.stream().map(model -> root + "." + model + "..").toArray(String[]::new);
        Set<String> shared = SHARED.stream().map(name -> root + "." + name).collect(Collectors.toSet());
        ArchCondition<JavaClass> onlyShared = new ArchCondition<>(
                "depend on another read model only through " + String.join(", ", SHARED)) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = readModelOf(root, item.getPackageName());
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String other = readModelOf(root, target.getPackageName());
                    if (other != null && !other.equals(own) && !shared.contains(target.getName())
                            && !tolerated.contains(topLevel(root, item) + " -> " + topLevel(root, target))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
        return classes().that().resideInAnyPackage(packages).should(onlyShared);
    }

    private static String topLevel(String root, JavaClass type) {
        String name = type.getName().substring(root.length() + 1);
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static String readModelOf(String root, String packageName) {
        for (String model : READ_MODELS) {
            String base = root + "." + model;
            if (packageName.equals(base) || packageName.startsWith(base + ".")) {
                return model;
            }
        }
        return null;
    }
}
