package dk.dialogue.ledger.query.service.startup;

/**
 * A reason not to start that the operator can fix, in words for the operator: what is wrong and what to set.
 * {@link ConfigurationFailureAnalyzer} reports it as the one line the console shows.
 */
public class StartupProblem extends IllegalStateException {

    private final String remedy;

    /**
     * @param problem what is wrong, e.g. "port 54329 of the embedded PostgreSQL is already in use"
     * @param remedy  what to set or do about it, or null when the problem says it
     */
    public StartupProblem(String problem, String remedy) {
        super(problem);
        this.remedy = remedy;
    }

    /** A setting that cannot work, e.g. "user 'clerk' has a demo password ...". */
    public static StartupProblem badConfiguration(String problem) {
        return new StartupProblem("bad configuration: " + problem, null);
    }

    public String remedy() {
        return remedy;
    }
}
