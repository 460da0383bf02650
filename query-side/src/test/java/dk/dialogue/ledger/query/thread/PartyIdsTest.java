package dk.dialogue.ledger.query.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.PartyKind;
import org.junit.jupiter.api.Test;

class PartyIdsTest {

    private static String id(PartyKind kind, String name, String unit) {
        return PartyIds.of(new Party(kind, name, unit));
    }

    @Test
    void a_municipality_id_is_its_kind_and_its_name_in_lower_case_joined_by_hyphens() {
        assertThat(id(PartyKind.MUNICIPALITY, "Aarhus Kommune", null)).isEqualTo("municipality-aarhus-kommune");
    }

    @Test
    void every_kind_of_body_is_prefixed_by_its_kind_in_lower_case() {
        assertThat(id(PartyKind.KL, "KL", null)).isEqualTo("kl-kl");
        assertThat(id(PartyKind.MINISTRY, "Beskæftigelsesministeriet", null))
                .isEqualTo("ministry-beskæftigelsesministeriet");
        assertThat(id(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg", null))
                .isEqualTo("committee-folketingets-beskæftigelsesudvalg");
    }

    @Test
    void a_unit_acts_for_its_body_so_it_is_not_part_of_the_id() {
        assertThat(id(PartyKind.MUNICIPALITY, "Københavns Kommune", "Beskæftigelses- og Integrationsforvaltningen"))
                .isEqualTo("municipality-københavns-kommune");
        assertThat(id(PartyKind.KL, "KL", "Arbejdsmarkeds- og Borgerserviceudvalget")).isEqualTo("kl-kl");
        assertThat(id(PartyKind.MINISTRY, "Beskæftigelsesministeriet", "Ministersekretariatet"))
                .isEqualTo(id(PartyKind.MINISTRY, "Beskæftigelsesministeriet", null));
    }

    @Test
    void letter_case_and_surrounding_or_repeated_spaces_do_not_change_the_id() {
        assertThat(id(PartyKind.MUNICIPALITY, "  KØBENHAVNS   kommune ", null))
                .isEqualTo("municipality-københavns-kommune");
        assertThat(id(PartyKind.MUNICIPALITY, "Odense\tKommune", null)).isEqualTo("municipality-odense-kommune");
    }

    @Test
    void danish_letters_are_kept_as_they_are() {
        assertThat(id(PartyKind.MUNICIPALITY, "Ærø Kommune", null)).isEqualTo("municipality-ærø-kommune");
        assertThat(id(PartyKind.MUNICIPALITY, "Læsø Kommune", null)).isEqualTo("municipality-læsø-kommune");
        assertThat(id(PartyKind.MUNICIPALITY, "Tårnby Kommune", null)).isEqualTo("municipality-tårnby-kommune");
        assertThat(id(PartyKind.MUNICIPALITY, "HØRSHOLM KOMMUNE", null)).isEqualTo("municipality-hørsholm-kommune");
    }

    @Test
    void a_decomposed_å_gives_the_same_id_as_a_composed_one() {
        assertThat(id(PartyKind.MUNICIPALITY, "Ta\u030Arnby Kommune", null)).isEqualTo("municipality-tårnby-kommune");
        assertThat(id(PartyKind.MUNICIPALITY, "A\u030Arhus Kommune", null)).isEqualTo("municipality-århus-kommune");
    }

    @Test
    void punctuation_collapses_into_one_hyphen_and_is_dropped_at_the_ends() {
        assertThat(id(PartyKind.MUNICIPALITY, "Lyngby-Taarbæk Kommune", null))
                .isEqualTo("municipality-lyngby-taarbæk-kommune");
        assertThat(id(PartyKind.KL, "Kommunernes Landsforening (KL)", null))
                .isEqualTo("kl-kommunernes-landsforening-kl");
        assertThat(id(PartyKind.MINISTRY, "Beskæftigelsesministeriet, Ministersekretariatet", null))
                .isEqualTo("ministry-beskæftigelsesministeriet-ministersekretariatet");
        assertThat(id(PartyKind.COMMITTEE, "«Folketingets Beskæftigelsesudvalg (BEU)».", null))
                .isEqualTo("committee-folketingets-beskæftigelsesudvalg-beu");
        assertThat(id(PartyKind.MUNICIPALITY, "Ikast – Brande / Kommune", null))
                .isEqualTo("municipality-ikast-brande-kommune");
    }

    @Test
    void digits_are_kept() {
        assertThat(id(PartyKind.COMMITTEE, "Folketingets Beskæftigelsesudvalg 2019-22", null))
                .isEqualTo("committee-folketingets-beskæftigelsesudvalg-2019-22");
    }
}
