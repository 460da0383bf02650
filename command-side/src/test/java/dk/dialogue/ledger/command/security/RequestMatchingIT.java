package dk.dialogue.ledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.command.support.CommandSideIntegrationTest;
import dk.dialogue.ledger.command.support.LedgerClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.RequestMatcherFactory;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

@CommandSideIntegrationTest
@Import(RequestMatchingIT.Lookups.class)
class RequestMatchingIT {

    private static final String PATH = "/api/threads/counted-lookups";

    @Autowired
    CountingHandlerMapping lookups;

    @LocalServerPort
    int port;

    @Test
    void a_requests_handler_is_looked_up_once_by_the_dispatcher_and_not_again_by_spring_security() {
        int before = lookups.count.get();

        LedgerClient.as(port, "clerk").get(PATH);

        assertThat(lookups.count.get() - before).isEqualTo(1);
    }

    @Test
    void access_rules_match_by_path_pattern_and_still_tell_roles_apart() {
        assertThat(RequestMatcherFactory.usesPathPatterns()).isTrue();

        assertThat(LedgerClient.anonymous(port).get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(LedgerClient.anonymous(port).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(LedgerClient.as(port, "dashboard").get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(LedgerClient.as(port, "auditor").get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(LedgerClient.as(port, "auditor").post("/api/threads", "{}").status()).isEqualTo(403);
    }

    /** Asked first for every request's handler; counts the lookups of one path and finds nothing. */
    static final class CountingHandlerMapping implements HandlerMapping, Ordered {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            if (PATH.equals(request.getRequestURI())) {
                count.incrementAndGet();
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Lookups {

        @Bean
        CountingHandlerMapping countingHandlerMapping() {
            return new CountingHandlerMapping();
        }
    }
}
