package dk.dialogue.ledger.query.audit.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every authenticated request to {@code /api/audit}. Runs after Spring Security's filters, so the
 * principal is known, and records once the answer is decided, so the status is too.
 */
@Component
public class AccessLog extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final String AUDIT = "/api/audit";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** The database is reached lazily: servlet filters are made while the web server starts, before the migrations. */
    public AccessLog(@Lazy JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(AUDIT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant at = clock.instant();
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            if (who != null && who.isAuthenticated()) {
                record(at, who.getName(), request, response.getStatus());
            }
        }
    }

    private void record(Instant at, String principal, HttpServletRequest request, int status) {
        try {
            jdbc.update("INSERT INTO audit_access (at, principal, method, path, query, remote_addr, user_agent, status) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Timestamp.from(at), principal, request.getMethod(),
                    request.getRequestURI(), request.getQueryString(), request.getRemoteAddr(),
                    truncate(request.getHeader("User-Agent")), status);
        } catch (RuntimeException e) {
            // The read already happened; losing its record must be loud.
            LOG.error("Could not record audit read {} {} by {}", request.getMethod(), request.getRequestURI(),
                    principal, e);
        }
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }

    /** Records after {@code after}, oldest first, optionally of one principal. */
    public List<AccessRecord> list(long after, int limit, String principal) {
        return jdbc.query("SELECT id, at, principal, method, path, query, remote_addr, user_agent, status "
                        + "FROM audit_access WHERE id > ? AND (?::text IS NULL OR principal = ?) ORDER BY id LIMIT ?",
                (rs, n) -> new AccessRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getInt(9)), after, principal, principal, limit);
    }
}
