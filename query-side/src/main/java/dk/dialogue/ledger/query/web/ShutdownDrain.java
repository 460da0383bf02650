package dk.dialogue.ledger.query.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once shutdown begins, every new request is refused with a 503 problem and {@code Connection: close} before it is
 * authenticated or does any work, so its client knows for certain to send it again (to another instance, or after the restart);
 * requests already running finish, and Tomcat's graceful shutdown, which stops right after this, waits for them.
 * Together with {@link DrainingHttp11NioProtocol} this filter, not Tomcat, answers every request read during shutdown.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ShutdownDrain extends OncePerRequestFilter implements SmartLifecycle {

    private final ProblemWriter problems;
    private volatile boolean running;
    private volatile boolean draining;

    public ShutdownDrain(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the service is shutting down and did not answer this request; send it again");
            problem.setTitle("Shutting down");
            problems.write(response, request, problem);
            return;
        }
        chain.doFilter(request, response);
        if (draining && !response.isCommitted()) {
            // The connection would otherwise stay open for a request this service will only refuse.
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops just before the web server's graceful shutdown, which then waits for the requests let through. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
