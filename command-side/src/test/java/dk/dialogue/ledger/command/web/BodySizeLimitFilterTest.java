package dk.dialogue.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class BodySizeLimitFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(DataSize.ofKilobytes(1), new ProblemWriter(JSON));
    private final List<String> bodies = new ArrayList<>();
    private final FilterChain application = (request, response) ->
            bodies.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    @Test
    void the_application_reads_the_whole_body() throws Exception {
        MockHttpServletRequest request = command();
        request.setContent("{\"role\": \"REPLY\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(run(request).getStatus()).isEqualTo(200);
        assertThat(bodies).containsExactly("{\"role\": \"REPLY\"}");
    }

    @Test
    void a_streamed_body_over_the_limit_is_refused_with_413_and_never_reaches_the_application() throws Exception {
        MockHttpServletResponse response = run(streamed(new ByteArrayInputStream(new byte[2_000])));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("title").asText())
                .isEqualTo("Request body too large");
        assertThat(bodies).isEmpty();
    }

    @Test
    void an_announced_body_over_the_limit_is_refused_with_413_before_it_is_read() throws Exception {
        MockHttpServletRequest request = streamed(new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        });
        request.addHeader("Content-Length", "2000");

        assertThat(run(request).getStatus()).isEqualTo(413);
        assertThat(bodies).isEmpty();
    }

    @Test
    void a_body_that_breaks_off_is_refused_with_400_and_never_reaches_the_application() throws Exception {
        MockHttpServletResponse response = run(streamed(new SequenceInputStream(
                new ByteArrayInputStream("{\"role\": ".getBytes(StandardCharsets.UTF_8)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset");
                    }
                })));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("title").asText())
                .isEqualTo("Unreadable request body");
        assertThat(bodies).isEmpty();
    }

    private static MockHttpServletRequest command() {
        return new MockHttpServletRequest("POST", "/api/threads/t-1/letters");
    }

    /** A request whose length is not announced (chunked), its body read from {@code body}. */
    private static MockHttpServletRequest streamed(InputStream body) {
        return new MockHttpServletRequest("POST", "/api/threads/t-1/letters") {
            @Override
            public long getContentLengthLong() {
                String announced = getHeader("Content-Length");
                return announced == null ? -1 : Long.parseLong(announced);
            }

            @Override
            public DelegatingServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body);
            }
        };
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, application);
        return response;
    }
}
