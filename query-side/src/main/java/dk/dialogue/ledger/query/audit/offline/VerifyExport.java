package dk.dialogue.ledger.query.audit.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dk.dialogue.ledger.query.audit.ExportLines;
import dk.dialogue.ledger.query.audit.TamperEvidence;
import dk.dialogue.ledger.query.audit.chain.ChainHead;
import dk.dialogue.ledger.query.audit.chain.Digest;
import dk.dialogue.ledger.query.audit.chain.DigestVerifier;
import dk.dialogue.ledger.query.audit.chain.LedgerSource;
import dk.dialogue.ledger.query.audit.chain.Problem;
import dk.dialogue.ledger.query.audit.chain.StoredEvent;
import dk.dialogue.ledger.query.audit.chain.ThreadRange;
import dk.dialogue.ledger.query.audit.chain.Verification;
import dk.dialogue.ledger.query.audit.chain.VerificationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code ./verify-export <export.ndjson> <public-key.pem> [--json]}: checks every event's hash chain, every
 * digest's signature and chain, and that the events the latest digest sealed are all there, unchanged. Prints
 * the first discrepancy; exits 0 when the export verifies, 1 when it does not, 2 when it cannot be read.
 */
public final class VerifyExport {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--json"))) {
            err.println("usage: verify-export <export.ndjson> <public-key.pem> [--json]");
            return 2;
        }
        try {
            DigestVerifier key = DigestVerifier.fromPem(Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII));
            Outcome outcome = verify(Path.of(args[0]), key);
            if (args.length == 3) {
                out.println(JSON.writeValueAsString(outcome));
            } else {
                print(outcome, out);
            }
            return outcome.verified() ? 0 : 1;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("verify-export: " + e.getMessage());
            return 2;
        }
    }

    static Outcome verify(Path export, DigestVerifier key) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            JsonNode header = next(in);
            if (header == null || !TamperEvidence.EXPORT_FORMAT.equals(text(header, "format"))) {
                throw new IllegalArgumentException(export + " is not a ledger export (" + TamperEvidence.EXPORT_FORMAT
                        + ")");
            }
            List<Digest> digests = new ArrayList<>();
            List<ChainHead> heads = new ArrayList<>();
            JsonNode[] line = {next(in)};
            while (line[0] != null && !"event".equals(text(line[0], "kind")) && !"end".equals(text(line[0], "kind"))) {
                switch (text(line[0], "kind")) {
                    case "digest" -> digests.add(ExportLines.digest(line[0]));
                    case "sealedHead" -> heads.add(ExportLines.head(line[0]));
                    default -> { } // schemas are for readers, not for verification
                }
                line[0] = next(in);
            }
            // An export is read once, front to back, so it is verified in one pass: its threads all held at once.
            VerificationReport report = Verification.ledger(digests, key, new LedgerSource() {
                @Override
                public void events(ThreadRange range, long after, Predicate<StoredEvent> sink) {
                    while (line[0] != null && "event".equals(text(line[0], "kind")) && sink.test(
                            ExportLines.event(line[0]))) {
                        line[0] = next(in);
                    }
                }

                @Override
                public Iterator<ChainHead> sealedHeads(Digest digest, ThreadRange range) {
                    return Verification.inThreadOrder(heads, range);
                }
            }, Integer.MAX_VALUE);
            Problem incomplete = trailer(line[0], report, digests.size());
            return new Outcome(incomplete == null && report.verified(), report, incomplete);
        }
    }

    /** The trailer must follow the last event and agree with what was read: a cut-off export is not a short ledger. */
    private static Problem trailer(JsonNode end, VerificationReport report, int digests) {
        if (end == null || !"end".equals(text(end, "kind"))) {
            return Problem.export("the export ends without its trailer after " + report.events() + " events");
        }
        if (end.get("events").asLong() != report.events() || end.get("digests").asInt() != digests) {
            return Problem.export("the trailer counts " + end.get("events").asLong() + " events and "
                    + end.get("digests").asInt() + " digests; the export holds " + report.events() + " and " + digests);
        }
        return null;
    }

    private static void print(Outcome outcome, PrintStream out) {
        VerificationReport r = outcome.report();
        out.printf("%s: %d events of %d threads checked in %.2f s (%.0f events/s)%n",
                outcome.verified() ? "VERIFIED" : "NOT VERIFIED", r.events(), r.threads(), r.seconds(),
                r.eventsPerSecond());
        if (r.sealedBy() != null) {
            out.printf("sealed by digest %d of %s: %d events; %d events recorded after it%n", r.sealedBy().sequence(),
                    r.sealedBy().createdAt(), r.sealedEvents(), r.unsealedEvents());
        } else {
            out.println("no signed digest: only the hash chains were checked");
        }
        Problem first = outcome.incomplete() != null && r.verified() ? outcome.incomplete() : r.firstProblem();
        if (first != null) {
            out.println("first problem: " + first.kind() + ": " + first.detail());
        }
        if (outcome.incomplete() != null && first != outcome.incomplete()) {
            out.println("also: " + outcome.incomplete().detail());
        }
    }

    private static JsonNode next(BufferedReader in) {
        try {
            String line = in.readLine();
            while (line != null && line.isBlank()) {
                line = in.readLine();
            }
            return line == null ? null : JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? "" : value.asText();
    }

    /** @param incomplete set when the export itself is cut short or inconsistent */
    record Outcome(boolean verified, VerificationReport report, Problem incomplete) {
    }
}
