package dk.dialogue.ledger.query.audit.offline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the offline verifier in this JVM and captures what it prints. */
public final class VerifyExportRunner {

    private VerifyExportRunner() {
    }

    public static Result run(Path export, Path publicKey, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[2 + options.length];
        args[0] = export.toString();
        args[1] = publicKey.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        int code = VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String output) {
    }
}
