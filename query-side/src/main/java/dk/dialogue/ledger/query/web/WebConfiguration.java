package dk.dialogue.ledger.query.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** ETags on every read, the clock, and the Tomcat protocol that lets the application answer during shutdown. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Deadlines and business dates are Copenhagen dates. */
    public static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> drainingProtocol() {
        return factory -> factory.setProtocol(DrainingHttp11NioProtocol.class.getName());
    }

    @Bean
    @ConditionalOnMissingBean
    public static Clock clock() {
        return Clock.systemUTC();
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(COPENHAGEN));
    }

    /**
     * Answers If-None-Match with 304 for any read whose body did not change (explicit ETags are kept), and
     * lets clients keep what they read as long as they revalidate it: a dashboard or calendar client polling
     * then transfers nothing when nothing changed. Not for feed pages and the audit export: the filter holds a whole
     * answer in memory to hash it, a megabyte for a page of 1,000 events (a fifth of the feed's read time), the
     * whole ledger for an export; a feed page is named by its cursor, and an export is read once.
     */
    @Bean
    public FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter() {
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        String path = request.getRequestURI().substring(request.getContextPath().length());
                        return path.equals("/api/feed") || path.equals("/api/audit/export");
                    }

                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
                        super.doFilterInternal(request, response, chain);
                    }
                });
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
