package dk.dialogue.ledger.command.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

@CommandSideIntegrationTest
@TestPropertySource(properties = {"ledger.samples.load-if-empty=true", "ledger.samples.user=clerk",
        "ledger.samples.password=clerk"})
class SampleLoaderIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SampleLoader loader;

    @Test
    void fillsAnEmptyLedgerWhenTheServiceIsReadyAndLeavesAFilledOneAlone() {
        assertThat(jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry", String.class))
                .as("one thread per course, recorded at start-up").hasSize(3);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        loader.loadIfEmpty();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }
}
