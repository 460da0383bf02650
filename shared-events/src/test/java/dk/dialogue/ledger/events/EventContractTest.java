package dk.dialogue.ledger.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The events are a public contract: plain records, versioned, free of frameworks, stable in JSON. */
class EventContractTest {

    private static final JavaClasses EVENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dk.dialogue.ledger.events");

    @Test
    void every_event_is_a_record_with_a_revision() {
        classes().that().implement(ThreadEvent.class)
                .should().beRecords()
                .andShould().beAnnotatedWith(Revision.class)
                .andShould().haveSimpleNameNotEndingWith("Event")
                .check(EVENTS);
    }

    @Test
    void the_contract_depends_on_no_framework_but_annotations() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "javax.persistence..", "dk.dialogue.ledger.command..", "dk.dialogue.ledger.query..")
                .check(EVENTS);
        noClasses().that().resideInAPackage("dk.dialogue.ledger.events")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.axonframework..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(Revision.class))))
                .because("only Axon's @Revision belongs in the events; upcasting is apart")
                .check(EVENTS);
    }

    @Test
    void ids_travel_as_plain_strings_and_instants_as_iso_text() throws Exception {
        ObjectMapper json = EventJson.objectMapper();
        Party kl = new Party(PartyKind.KL, "KL", null);
        DateProposed event = new DateProposed(new ThreadId("t-1"), new ProposalId("p-1"), kl,
                List.of(new ProposedSlot(Instant.parse("2020-09-24T11:00:00Z"), Instant.parse("2020-09-24T14:00:00Z"),
                        SlotPrecision.EXACT, "torsdag d. 24. september kl. 13.00-16.00")),
                null, null, LocalDate.of(2020, 6, 24));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"threadId\":\"t-1\"", "\"proposalId\":\"p-1\"",
                "\"start\":\"2020-09-24T11:00:00Z\"", "\"businessDate\":\"2020-06-24\"");
        assertThat(json.readValue(text, DateProposed.class)).isEqualTo(event);
    }

    @Test
    void a_party_acts_as_one_body_whatever_its_unit_or_spelling() {
        Party committee = new Party(PartyKind.MUNICIPALITY, "Københavns Kommune", "Beskæftigelses- og Integrationsudvalget");
        Party jobcentre = new Party(PartyKind.MUNICIPALITY, "københavns kommune ", "Jobcenter København");

        assertThat(committee.sameBodyAs(jobcentre)).isTrue();
        assertThat(committee.sameBodyAs(new Party(PartyKind.KL, "Københavns Kommune", null))).isFalse();
    }
}
