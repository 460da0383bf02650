package dk.dialogue.ledger.query.service.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a startup failure as one log line, problem then remedy, instead of Spring Boot's framed
 * "APPLICATION FAILED TO START" paragraphs (whose reporter the shared settings silence). Through the logging
 * system, so the line is JSON too when structured logging is on. Analyses of Spring Boot's own analyzers are
 * folded onto one line as well.
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    private static final Logger LOG = LoggerFactory.getLogger(OneLineFailureReporter.class);

    @Override
    public void report(FailureAnalysis analysis) {
        String action = analysis.getAction();
        String line = analysis.getDescription() + (action == null || action.isBlank() ? "" : "; " + action);
        LOG.error(line.replaceAll("\\s+", " ").trim());
    }
}
