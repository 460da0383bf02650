package dk.dialogue.ledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each request's body whole, up to the configured size, before anything else sees it: a larger body is refused
 * with 413, whether the client announces the length or streams it chunked, and one that cannot be read with 400.
 * Everything after works on the bytes, so {@link AdmissionControl} gives a place only to a command whose body has
 * arrived: a client that sends slowly holds a connection, not a place.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final int maxBytes;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(@Value("${ledger.http.max-body-size:1MB}") DataSize maxBodySize, ProblemWriter problems) {
        this.maxBytes = (int) Math.min(maxBodySize.toBytes(), Integer.MAX_VALUE - 8);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(response, request, tooLarge());
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            // The client stopped sending (or went away); if it still listens, it hears that nothing was done.
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "the request body could not be read: " + e.getMessage());
            problem.setTitle("Unreadable request body");
            problems.write(response, request, problem);
            return;
        }
        if (body.length > maxBytes) {
            problems.write(response, request, tooLarge());
            return;
        }
        chain.doFilter(new ReadRequest(request, body), response);
    }

    private ProblemDetail tooLarge() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the request body must be at most " + maxBytes + " bytes");
        problem.setTitle("Request body too large");
        return problem;
    }

    /** The request with its body already read. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("request bodies are read blocking");
                }
            };
        }

        /** As the container's own reader: a charset it does not know is an {@link UnsupportedEncodingException}. */
        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
