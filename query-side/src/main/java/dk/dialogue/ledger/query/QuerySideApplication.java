package dk.dialogue.ledger.query;

import dk.dialogue.ledger.query.service.Termination;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the query side on port 8081: read models built from the event store the command side fills. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class QuerySideApplication {

    private static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // A ledger of public bodies does not report usage to a vendor; set the property to false to opt in.
        if (System.getProperty(AXON_UPDATE_CHECK) == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        Termination.exitCleanlyOnSigterm(SpringApplication.run(QuerySideApplication.class, args));
    }
}
