package dk.dialogue.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.EventJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class CommitOrderTokenTest {

    /** Transaction 7301 appended global index 118; 7302 committed later but appended index 117 first. */
    private static final CommitOrderToken TX_7301_AT_118 = new CommitOrderToken(7301, 118);
    private static final CommitOrderToken TX_7301_AT_119 = new CommitOrderToken(7301, 119);
    private static final CommitOrderToken TX_7302_AT_117 = new CommitOrderToken(7302, 117);

    @Test
    void tokens_are_ordered_by_transaction_first() {
        assertThat(TX_7301_AT_119.compareTo(TX_7302_AT_117)).isNegative();
        assertThat(TX_7302_AT_117.compareTo(TX_7301_AT_119)).isPositive();
    }

    @Test
    void within_one_transaction_tokens_are_ordered_by_global_index() {
        assertThat(TX_7301_AT_118.compareTo(TX_7301_AT_119)).isNegative();
        assertThat(TX_7301_AT_119.compareTo(TX_7301_AT_118)).isPositive();
    }

    @Test
    void equal_positions_compare_as_equal_and_are_equal() {
        CommitOrderToken same = new CommitOrderToken(7301, 118);

        assertThat(TX_7301_AT_118.compareTo(same)).isZero();
        assertThat(TX_7301_AT_118).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(TX_7301_AT_118.samePositionAs(same)).isTrue();
        assertThat(TX_7301_AT_118.samePositionAs(TX_7301_AT_119)).isFalse();
    }

    @Test
    void sorting_puts_tokens_in_commit_order_not_global_index_order() {
        List<CommitOrderToken> tokens = new ArrayList<>(List.of(TX_7302_AT_117, TX_7301_AT_119,
                CommitOrderToken.TAIL, TX_7301_AT_118));

        Collections.sort(tokens);

        assertThat(tokens).containsExactly(CommitOrderToken.TAIL, TX_7301_AT_118, TX_7301_AT_119, TX_7302_AT_117);
    }

    @Test
    void the_lower_bound_is_the_earlier_token_whichever_side_asks() {
        assertThat(TX_7301_AT_119.lowerBound(TX_7302_AT_117)).isSameAs(TX_7301_AT_119);
        assertThat(TX_7302_AT_117.lowerBound(TX_7301_AT_119)).isSameAs(TX_7301_AT_119);
        assertThat(TX_7301_AT_118.lowerBound(TX_7301_AT_119)).isSameAs(TX_7301_AT_118);
    }

    @Test
    void the_upper_bound_is_the_later_token_whichever_side_asks() {
        assertThat(TX_7301_AT_119.upperBound(TX_7302_AT_117)).isSameAs(TX_7302_AT_117);
        assertThat(TX_7302_AT_117.upperBound(TX_7301_AT_119)).isSameAs(TX_7302_AT_117);
        assertThat(TX_7301_AT_118.upperBound(TX_7301_AT_119)).isSameAs(TX_7301_AT_119);
    }

    @Test
    void bounds_of_equal_positions_are_that_position() {
        CommitOrderToken same = new CommitOrderToken(7301, 118);

        assertThat(TX_7301_AT_118.lowerBound(same)).isEqualTo(new CommitOrderToken(7301, 118));
        assertThat(TX_7301_AT_118.upperBound(same)).isEqualTo(new CommitOrderToken(7301, 118));
    }

    @Test
    void a_token_covers_itself_and_every_earlier_token() {
        assertThat(TX_7301_AT_118.covers(TX_7301_AT_118)).isTrue();
        assertThat(TX_7301_AT_119.covers(TX_7301_AT_118)).isTrue();
        assertThat(TX_7302_AT_117.covers(TX_7301_AT_119)).isTrue();
    }

    @Test
    void a_token_does_not_cover_a_later_token_even_one_with_a_lower_global_index() {
        assertThat(TX_7301_AT_118.covers(TX_7301_AT_119)).isFalse();
        assertThat(TX_7301_AT_119.covers(TX_7302_AT_117)).isFalse();
    }

    @Test
    void every_token_covers_the_absence_of_a_token() {
        assertThat(TX_7301_AT_118.covers(null)).isTrue();
        assertThat(CommitOrderToken.TAIL.covers(null)).isTrue();
    }

    @Test
    void the_tail_is_before_every_event() {
        CommitOrderToken firstEverEvent = new CommitOrderToken(1, 0);

        assertThat(CommitOrderToken.TAIL).isEqualTo(new CommitOrderToken(0, -1));
        assertThat(CommitOrderToken.TAIL.compareTo(firstEverEvent)).isNegative();
        assertThat(CommitOrderToken.TAIL.compareTo(new CommitOrderToken(0, 0))).isNegative();
        assertThat(CommitOrderToken.TAIL.covers(firstEverEvent)).isFalse();
        assertThat(CommitOrderToken.TAIL.covers(CommitOrderToken.TAIL)).isTrue();
        assertThat(firstEverEvent.covers(CommitOrderToken.TAIL)).isTrue();
        assertThat(TX_7301_AT_118.lowerBound(CommitOrderToken.TAIL)).isSameAs(CommitOrderToken.TAIL);
        assertThat(CommitOrderToken.TAIL.upperBound(TX_7301_AT_118)).isSameAs(TX_7301_AT_118);
    }

    @Test
    void the_position_reported_for_metrics_is_the_global_index() {
        assertThat(TX_7302_AT_117.position()).hasValue(117);
        assertThat(CommitOrderToken.TAIL.position()).hasValue(-1);
    }

    @Test
    void mixing_with_a_global_sequence_token_is_refused() {
        TrackingToken foreign = new GlobalSequenceTrackingToken(118);

        assertThatThrownBy(() -> TX_7301_AT_118.lowerBound(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot compare a commit-order token with");
        assertThatThrownBy(() -> TX_7301_AT_118.upperBound(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TX_7301_AT_118.covers(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixing_with_any_other_kind_of_token_is_refused() {
        TrackingToken custom = new TrackingToken() {
            @Override
            public TrackingToken lowerBound(TrackingToken other) {
                return this;
            }

            @Override
            public TrackingToken upperBound(TrackingToken other) {
                return this;
            }

            @Override
            public boolean covers(TrackingToken other) {
                return true;
            }
        };

        assertThatThrownBy(() -> CommitOrderToken.TAIL.covers(custom)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitOrderToken.TAIL.lowerBound(custom))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitOrderToken.TAIL.upperBound(custom))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_token_is_stored_as_json_with_its_two_fields_and_read_back_equal() throws Exception {
        ObjectMapper json = EventJson.objectMapper();

        String text = json.writeValueAsString(TX_7302_AT_117);

        assertThat(text).isEqualTo("{\"txId\":7302,\"globalIndex\":117}");
        assertThat(json.readValue(text, CommitOrderToken.class)).isEqualTo(TX_7302_AT_117);
    }

    @Test
    void the_tail_survives_a_json_round_trip() throws Exception {
        ObjectMapper json = EventJson.objectMapper();

        CommitOrderToken read = json.readValue(json.writeValueAsString(CommitOrderToken.TAIL), CommitOrderToken.class);

        assertThat(read).isEqualTo(CommitOrderToken.TAIL);
        assertThat(read.compareTo(new CommitOrderToken(1, 0))).isNegative();
    }

    @Test
    void large_transaction_ids_survive_a_json_round_trip() throws Exception {
        ObjectMapper json = EventJson.objectMapper();
        CommitOrderToken late = new CommitOrderToken(4_294_967_396L, 9_007_199_254_740_993L);

        assertThat(json.readValue(json.writeValueAsString(late), CommitOrderToken.class)).isEqualTo(late);
    }
}
