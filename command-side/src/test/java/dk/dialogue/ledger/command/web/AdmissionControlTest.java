package dk.dialogue.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.dialogue.ledger.command.service.startup.StartupProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdmissionControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    /** Handles a request; the first one to reach it stays until released. */
    private final FilterChain application = (request, response) -> {
        if (handled.incrementAndGet() == 1) {
            firstStarted.countDown();
            try {
                releaseFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ((MockHttpServletResponse) response).setStatus(200);
    };

    @AfterEach
    void release() {
        releaseFirst.countDown();
        clients.shutdown();
    }

    @Test
    void a_command_beyond_the_bound_waits_in_line_and_runs_once_one_finishes() throws Exception {
        AdmissionControl control = control(1, Duration.ofSeconds(10));
        CompletableFuture<MockHttpServletResponse> first = inBackground(control, command());
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(control.inProgress()).isEqualTo(1);

        CompletableFuture<MockHttpServletResponse> second = inBackground(control, command());
        Thread.sleep(200);
        assertThat(second).isNotDone();
        assertThat(handled).hasValue(1);

        releaseFirst.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(handled).hasValue(2);
        assertThat(refused()).isZero();
        assertThat(control.inProgress()).isZero();
    }

    @Test
    void a_command_that_waits_longer_than_the_admission_wait_is_refused_with_a_503_problem_before_any_work()
            throws Exception {
        AdmissionControl control = control(1, Duration.ofMillis(50));
        inBackground(control, command());
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse second = run(control, command());

        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(second.getContentAsByteArray());
        assertThat(problem.path("title").asText()).isEqualTo("Overloaded");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains("1 commands in progress", "did not act on this request");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/threads/t-1/letters");
        assertThat(handled).as("the refused command never reached the application").hasValue(1);
        assertThat(refused()).isEqualTo(1);
    }

    @Test
    void reads_and_requests_outside_the_api_are_never_held_back() throws Exception {
        AdmissionControl control = control(1, Duration.ZERO);
        inBackground(control, command());
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(run(control, new MockHttpServletRequest("GET", "/api/threads/t-1")).getStatus()).isEqualTo(200);
        assertThat(run(control, new MockHttpServletRequest("POST", "/actuator/shutdown")).getStatus()).isEqualTo(200);
        assertThat(run(control, command()).getStatus()).isEqualTo(503);
        assertThat(handled).hasValue(3);
    }

    @Test
    void a_command_that_fails_gives_its_place_to_the_next() throws Exception {
        AdmissionControl control = control(1, Duration.ZERO);
        FilterChain failing = (request, response) -> {
            throw new ServletException("the handler failed");
        };
        assertThatThrownBy(() -> control.doFilter(command(), new MockHttpServletResponse(), failing))
                .isInstanceOf(ServletException.class);

        assertThat(control.inProgress()).isZero();
        releaseFirst.countDown();
        assertThat(run(control, command()).getStatus()).isEqualTo(200);
    }

    @Test
    void a_bound_below_one_is_a_configuration_error() {
        assertThatThrownBy(() -> control(0, Duration.ofSeconds(1)))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("ledger.http.max-concurrent-commands");
    }

    private AdmissionControl control(int maxConcurrent, Duration wait) {
        return new AdmissionControl(maxConcurrent, wait, new ProblemWriter(JSON), meters);
    }

    private static MockHttpServletRequest command() {
        return new MockHttpServletRequest("POST", "/api/threads/t-1/letters");
    }

    private MockHttpServletResponse run(AdmissionControl control, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        control.doFilter(request, response, application);
        return response;
    }

    private CompletableFuture<MockHttpServletResponse> inBackground(AdmissionControl control,
                                                                    MockHttpServletRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(control, request);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, clients);
    }

    private double refused() {
        return meters.get("ledger.commands.refused").counter().count();
    }
}
