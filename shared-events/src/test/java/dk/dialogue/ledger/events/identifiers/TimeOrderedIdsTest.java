package dk.dialogue.ledger.events.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void an_id_is_a_version_7_uuid_carrying_its_milliseconds_first() {
        UUID id = TimeOrderedIds.at(1_764_657_600_123L);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_764_657_600_123L);
    }

    @Test
    void ids_of_later_milliseconds_sort_after_earlier_ones_as_text() {
        List<String> ids = IntStream.range(0, 100)
                .mapToObj(i -> TimeOrderedIds.at(1_764_657_600_000L + i * 7L).toString()).toList();

        assertThat(ids).isSorted();
    }

    @Test
    void ids_of_the_same_millisecond_differ() {
        Set<UUID> ids = new HashSet<>();
        IntStream.range(0, 100_000).forEach(i -> ids.add(TimeOrderedIds.at(1_764_657_600_000L)));

        assertThat(ids).hasSize(100_000);
    }

    @Test
    void threads_draw_different_random_bits() throws InterruptedException {
        UUID[] drawn = new UUID[2];
        Thread one = new Thread(() -> drawn[0] = TimeOrderedIds.at(1_764_657_600_000L));
        Thread other = new Thread(() -> drawn[1] = TimeOrderedIds.at(1_764_657_600_000L));
        one.start();
        other.start();
        one.join();
        other.join();

        assertThat(drawn[0]).isNotEqualTo(drawn[1]);
    }

    @Test
    void axon_names_its_messages_with_these_ids() {
        String id = IdentifierFactory.getInstance().generateIdentifier();

        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16)
                .isCloseTo(System.currentTimeMillis(), within(60_000L));
    }
}
