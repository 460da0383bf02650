package dk.dialogue.ledger.command.web;

import dk.dialogue.ledger.command.service.startup.StartupProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the commands in progress. Beyond {@code ledger.http.max-concurrent-commands}, a command waits in line (first
 * come, first served) up to {@code ledger.http.admission-wait} for one to finish, and is otherwise refused with a 503
 * problem and {@code Retry-After}, having done nothing, so its client knows that nothing was recorded. Without a bound
 * an overloaded service queues every command for as long as the overload lasts: its clients time out on commands that
 * are then recorded anyway, and the queue grows in memory. A stall shorter than the wait (a collection, the JIT
 * compilers of a service just started) is absorbed; only a lasting overload is refused.
 * <p>
 * It runs after authentication (an unknown client gets its 401, not a place) and after {@link BodySizeLimitFilter}
 * has read the body, so a client that sends its body slowly holds a connection but not one of the places.
 */
@Component
@Order(0)
public class AdmissionControl extends OncePerRequestFilter {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final int maxConcurrent;
    private final long waitNanos;
    private final ProblemWriter problems;
    private final Counter refused;

    public AdmissionControl(@Value("${ledger.http.max-concurrent-commands:32}") int maxConcurrent,
                            @Value("${ledger.http.admission-wait:2s}") Duration wait,
                            ProblemWriter problems, MeterRegistry meters) {
        if (maxConcurrent < 1 || wait.isNegative()) {
            throw StartupProblem.badConfiguration("ledger.http.max-concurrent-commands must be at least 1 and "
                    + "ledger.http.admission-wait not negative");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.waitNanos = wait.toNanos();
        this.problems = problems;
        this.refused = Counter.builder("ledger.commands.refused").tag("reason", "overloaded")
                .description("commands refused with 503 because the service was at its bound for the admission wait")
                .register(meters);
        Gauge.builder("ledger.commands.in.progress", this, AdmissionControl::inProgress)
                .description("commands admitted and not yet answered").register(meters);
    }

    /** Commands are the API's writes; reads, health and metrics are never held back. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admitted()) {
            refused.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the service is at its limit of " + maxConcurrent + " commands in progress and did not act on"
                            + " this request; send it again after " + RETRY_AFTER_SECONDS + " s (with the same"
                            + " Idempotency-Key)");
            problem.setTitle("Overloaded");
            problems.write(response, request, problem);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private boolean admitted() {
        try {
            return permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int inProgress() {
        return maxConcurrent - permits.availablePermits();
    }
}
