package dk.dialogue.ledger.query.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live projections' change announcements. */
@Configuration(proxyBeanMethods = false)
public class LiveConfiguration {

    @Bean
    public ReadModelChanges readModelChanges(JdbcTemplate jdbc) {
        return new ReadModelChanges(jdbc);
    }
}
