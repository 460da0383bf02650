package dk.dialogue.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuerySideApplicationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void starts_and_reports_itself_ready() {
        var readiness = http.getForEntity("/actuator/health/readiness", String.class);

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"");
    }
}
