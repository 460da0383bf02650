package dk.dialogue.ledger.benchmark;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Shows the first few unexpected answers, so a failing step says why without flooding the report. */
final class Errors {

    private static final int SHOWN = 5;
    private static final AtomicInteger seen = new AtomicInteger();

    private Errors() {
    }

    static void report(HttpResponse<?> response) {
        if (seen.incrementAndGet() <= SHOWN) {
            String body = response.body() == null ? ""
                    : response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : response.body().toString();
            System.err.printf("  unexpected %d from %s %s: %s%n", response.statusCode(), response.request().method(),
                    response.request().uri().getPath(), body.substring(0, Math.min(300, body.length())));
        }
    }
}
