package dk.dialogue.ledger.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.eventsourcing.EventSourcingHandler;

@AnalyzeClasses(packages = "dk.dialogue.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_command_side_never_reads_the_query_side = noClasses()
            .that().resideInAPackage("dk.dialogue.ledger.command..")
            .should().dependOnClassesThat().resideInAPackage("dk.dialogue.ledger.query..");

    @ArchTest
    static final ArchRule the_aggregate_knows_nothing_of_http_jdbc_or_clocks = noClasses()
            .that().resideInAPackage("dk.dialogue.ledger.command.thread")
            .and().haveSimpleName("DialogueThread")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.jdbc..",
                    "jakarta.servlet..", "java.sql..", "dk.dialogue.ledger.command.web..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.util.UUID.class, "randomUUID");

    @ArchTest
    static final ArchRule commands_are_records = classes()
            .that().resideInAPackage("dk.dialogue.ledger.command.thread")
            .and().haveSimpleNameNotEndingWith("Request")
            .and().haveSimpleNameNotEndingWith("Input")
            .and().haveSimpleNameNotEndingWith("Response")
            .and().areAssignableTo(dk.dialogue.ledger.command.thread.VersionedCommand.class)
            .and().areNotInterfaces()
            .should().beRecords();

    @ArchTest
    static final ArchRule event_sourcing_handlers_live_only_in_the_aggregate = noClasses()
            .that().doNotHaveSimpleName("DialogueThread")
            .should().dependOnClassesThat().areAssignableTo(EventSourcingHandler.class);

    @ArchTest
    static final ArchRule commands_do_not_carry_a_command_suffix = noClasses()
            .that().resideInAPackage("dk.dialogue.ledger.command.thread")
            .and().areRecords()
            .should().haveSimpleNameEndingWith("Command");
}
