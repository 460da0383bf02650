package dk.dialogue.ledger.command.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.samples.load-if-empty=true}, fills an empty ledger with the sample correspondence once
 * the service is up, so a fresh local instance has threads to look at. It goes through the service's own
 * HTTP API as {@code ledger.samples.user}, which therefore needs the CLERK role.
 */
@Component
@ConditionalOnProperty(name = "ledger.samples.load-if-empty", havingValue = "true")
class SampleLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

    private final JdbcTemplate jdbc;
    private final Environment environment;
    private final String user;
    private final String password;

    SampleLoader(JdbcTemplate jdbc, Environment environment, @Value("${ledger.samples.user}") String user,
                 @Value("${ledger.samples.password}") String password) {
        this.jdbc = jdbc;
        this.environment = environment;
        this.user = user;
        this.password = password;
    }

    /**
     * Runs once the server accepts requests. An exception here stops the service: a sample that the API
     * rejects is a bug in the samples or in the API, and a half-filled ledger would look like a working one.
     */
    @EventListener(ApplicationReadyEvent.class)
    void loadIfEmpty() {
        // Samples must never mix with real history: any event at all means the ledger is in use.
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM domain_event_entry)",
                Boolean.class))) {
            log.info("The event store already holds events; sample correspondence not loaded");
            return;
        }
        // The port is known only now that the server has started; it may have been chosen at random.
        String port = environment.getRequiredProperty("local.server.port");
        new SampleCorrespondence("http://localhost:" + port, user, password).loadAll();
    }
}
