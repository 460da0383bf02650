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
        String body = response.body() == null ? ""
                : response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : response.body().toString();
        report(response.statusCode(), response.request().method(), response.request().uri().getPath(), body);
    }

    static void report(KeepAliveHttp.Answer answer) {
        report(answer.status(), answer.method(), answer.uri().getPath(), answer.body());
    }

    private static void report(int status, String method, String path, String body) {
        if (seen.incrementAndGet() <= SHOWN) {
            System.err.printf("  unexpected %d from %s %s: %s%n", status, method, path,
                    body.substring(0, Math.min(300, body.length())));
        }
    }
}
