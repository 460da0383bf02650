package dk.dialogue.ledger.query.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadStatsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

    private final ThreadStatusRepository repository = mock(ThreadStatusRepository.class);
    private final AtomicReference<Instant> now = new AtomicReference<>(NOON);
    private final Clock clock = mock(Clock.class);
    private final ThreadStats stats = new ThreadStats(repository, clock, Duration.ofSeconds(5));

    @BeforeEach
    void clockReadsNow() {
        when(clock.instant()).thenAnswer(invocation -> now.get());
    }

    @Test
    void dashboards_polling_within_the_max_age_share_one_count_and_are_told_its_age() {
        when(repository.stats(TODAY)).thenReturn(counts(7), counts(8));

        ThreadStats.Counted first = stats.current(TODAY);
        now.set(NOON.plusMillis(4999));
        ThreadStats.Counted second = stats.current(TODAY);

        assertThat(second.counts()).isEqualTo(counts(7));
        assertThat(second.ageSeconds(now.get())).isEqualTo(4);
        assertThat(first.ageSeconds(NOON)).isZero();
        verify(repository, times(1)).stats(TODAY);
    }

    @Test
    void counts_older_than_the_max_age_or_of_another_day_are_counted_again() {
        when(repository.stats(TODAY)).thenReturn(counts(7), counts(8));
        when(repository.stats(TODAY.plusDays(1))).thenReturn(counts(9));

        stats.current(TODAY);
        now.set(NOON.plusSeconds(5));
        ThreadStats.Counted later = stats.current(TODAY);
        ThreadStats.Counted tomorrow = stats.current(TODAY.plusDays(1));

        assertThat(later.counts()).isEqualTo(counts(8));
        assertThat(later.ageSeconds(now.get())).isZero();
        assertThat(tomorrow.counts()).isEqualTo(counts(9));
    }

    private static Map<String, Map<String, Long>> counts(long held) {
        return Map.of("byStatus", Map.of("HELD", held));
    }
}
