package dk.dialogue.ledger.command;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to find it. */
@Component
class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String base = "http://localhost:" + environment.getProperty("local.server.port");
        LOG.info("Command side ready: API {}/api/threads, Swagger UI {}/swagger-ui.html, health {}/actuator/health,"
                + " metrics {}/actuator/prometheus", base, base, base, base);
        if (Arrays.asList(environment.getActiveProfiles()).contains("local")) {
            LOG.info("Demo users (password = user name): clerk (records), auditor, dashboard, subscriber");
        }
    }
}
