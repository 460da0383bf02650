package dk.dialogue.ledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.dialogue.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** A read that gets no database connection is answered with a 503 problem the client can retry, not a 500. */
@QuerySideIntegrationTest
// Hikari reads its timeout when the pool starts, so it is this context's own.
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseUnreachableIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource dataSource;

    @Test
    void a_read_finding_every_connection_taken_is_answered_503_with_retry_after_and_the_next_one_is_served()
            throws Exception {
        List<Connection> taken = new ArrayList<>();
        ResponseEntity<String> answer;
        try {
            // Some connections are held for as long as the service runs (its LISTEN for changes): take the rest.
            takeEveryFreeConnection(taken);
            answer = http.withBasicAuth("dashboard", "dashboard").getForEntity("/api/threads", String.class);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody()).contains("\"title\":\"Database unavailable\"")
                .doesNotContain("Exception").doesNotContain("Hikari");
        assertThat(http.withBasicAuth("dashboard", "dashboard").getForEntity("/api/threads", String.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    private void takeEveryFreeConnection(List<Connection> taken) throws SQLException {
        try {
            while (true) {
                taken.add(dataSource.getConnection());
            }
        } catch (SQLTransientConnectionException poolEmpty) {
            assertThat(taken).isNotEmpty();
        }
    }
}
