package dk.dialogue.ledger.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.RequestMatcherFactory;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

@QuerySideIntegrationTest
@Import(RequestMatchingIT.Lookups.class)
class RequestMatchingIT {

    private static final String PATH = "/api/threads/counted-lookups";

    @Autowired
    CountingHandlerMapping lookups;

    @Autowired
    TestRestTemplate http;

    @Test
    void a_requests_handler_is_looked_up_once_by_the_dispatcher_and_not_again_by_spring_security() {
        int before = lookups.count.get();

        http.withBasicAuth("dashboard", "dashboard").getForEntity(PATH, String.class);

        assertThat(lookups.count.get() - before).isEqualTo(1);
    }

    @Test
    void access_rules_match_by_path_pattern_and_still_tell_roles_apart() {
        assertThat(RequestMatcherFactory.usesPathPatterns()).isTrue();

        assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(http, "/api/feed")).isEqualTo(401);
        assertThat(status(http.withBasicAuth("dashboard", "dashboard"), "/api/feed")).isEqualTo(403);
        assertThat(status(http.withBasicAuth("subscriber", "subscriber"), "/api/feed")).isEqualTo(200);
        assertThat(status(http.withBasicAuth("subscriber", "subscriber"), "/api/threads")).isEqualTo(403);
        assertThat(status(http.withBasicAuth("dashboard", "dashboard"), "/api/admin/dead-letters")).isEqualTo(403);
        assertThat(http.withBasicAuth("dashboard", "dashboard").exchange("/api/threads", HttpMethod.POST, null,
                String.class).getStatusCode().value()).isEqualTo(403);
    }

    private static int status(TestRestTemplate client, String path) {
        return client.getForEntity(path, String.class).getStatusCode().value();
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
