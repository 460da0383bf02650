package dk.dialogue.ledger.command;

import dk.dialogue.ledger.command.embedded.EmbeddedDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the command side on port 8080, with an embedded PostgreSQL when no datasource is configured. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {

    public static void main(String[] args) {
        EmbeddedDatabase.startUnlessConfigured(args);
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
