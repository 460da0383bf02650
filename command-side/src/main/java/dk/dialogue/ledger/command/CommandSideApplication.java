package dk.dialogue.ledger.command;

import dk.dialogue.ledger.command.embedded.EmbeddedDatabase;
import dk.dialogue.ledger.command.service.Termination;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the command side on port 8080, with an embedded PostgreSQL when no datasource is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    private static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // A ledger of public bodies does not report usage to a vendor; set the property to false to opt in.
        if (System.getProperty(AXON_UPDATE_CHECK) == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.addInitializers(EmbeddedDatabase.unlessConfigured());
        Termination.exitCleanlyOnSigterm(application.run(args));
    }
}
