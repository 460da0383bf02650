package dk.dialogue.ledger.query.security;

import dk.dialogue.ledger.query.service.startup.StartupProblem;
import dk.dialogue.ledger.query.web.ProblemWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * DASHBOARD and AUDITOR read the read models; AUDITOR also runs rebuilds and handles dead letters;
 * SUBSCRIBER reads the event feed. HTTP Basic with the same configured users as the command side, optionally
 * OAuth2 bearer tokens (issuer and audience checked). Demo passwords only with the {@code local} profile.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String DASHBOARD = "DASHBOARD";
    private static final String AUDITOR = "AUDITOR";
    private static final String SUBSCRIBER = "SUBSCRIBER";
    private static final List<String> ROLES = List.of("CLERK", AUDITOR, DASHBOARD, SUBSCRIBER);

    /**
     * No observation around each security filter, authentication and authorization: they took about 8 % of the
     * command side's request-thread samples (JFR), and the HTTP server metrics already time every request.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ProblemWriter problems,
                                   Environment environment, Clock clock) throws Exception {
        refuseDemoPasswordsOutsideLocal(properties, environment);
        // Reads set their own Cache-Control (revalidate with ETags) instead of Spring Security's no-store.
        http.csrf(csrf -> csrf.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers("/api/admin/**", "/api/audit/**").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/feed/**", "/api/feed").hasAnyRole(SUBSCRIBER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(DASHBOARD, AUDITOR)
                        .requestMatchers("/actuator/**").hasAnyRole(DASHBOARD, AUDITOR)
                        .anyRequest().denyAll())
                .authenticationProvider(new VerifiedCredentialsCache(daoProvider(properties), clock,
                        Duration.ofMinutes(5)))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ledger\"");
                    problems.write(response, request, problem(HttpStatus.UNAUTHORIZED, "Authentication required"));
                }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        problems.write(response, request, problem(HttpStatus.FORBIDDEN,
                                "Your role does not allow this"))));
        if (properties.jwt().enabled()) {
            JwtDecoder decoder = jwtDecoder(properties.jwt());
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt
                    .decoder(decoder)
                    .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token, roles(token, properties.jwt())))));
        }
        return http.build();
    }

    private static DaoAuthenticationProvider daoProvider(SecurityProperties properties) {
        List<UserDetails> users = properties.users().stream()
                .map(user -> User.withUsername(user.name())
                        .password(user.passwordHash())
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList();
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
        provider.setPasswordEncoder(encoder());
        return provider;
    }

    private static PasswordEncoder encoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Demo users whose password is their own name must never reach a real deployment. */
    static void refuseDemoPasswordsOutsideLocal(SecurityProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            return;
        }
        PasswordEncoder encoder = encoder();
        properties.users().stream()
                .filter(user -> encoder.matches(user.name(), user.passwordHash()))
                .findFirst()
                .ifPresent(user -> {
                    throw StartupProblem.badConfiguration("user '" + user.name() + "' has a demo password (its own name);"
                            + " demo passwords are allowed only with the 'local' profile");
                });
        properties.users().forEach(user -> user.roles().stream()
                .filter(role -> !ROLES.contains(role))
                .findFirst()
                .ifPresent(role -> {
                    throw StartupProblem.badConfiguration("user '" + user.name() + "' has unknown role '" + role
                            + "'; roles are " + ROLES);
                }));
    }

    private static JwtDecoder jwtDecoder(SecurityProperties.Jwt settings) throws IOException {
        if (settings.issuerUri() == null || settings.audience() == null) {
            throw StartupProblem.badConfiguration("ledger.security.jwt.enabled needs ledger.security.jwt.issuer-uri and "
                    + "ledger.security.jwt.audience");
        }
        NimbusJwtDecoder decoder = settings.publicKeyLocation() != null
                ? NimbusJwtDecoder.withPublicKey(RsaKeyConverters.x509().convert(
                        settings.publicKeyLocation().getInputStream())).build()
                : (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(settings.issuerUri());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
                token -> token.getAudience() != null && token.getAudience().contains(settings.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token is not meant for audience " + settings.audience(), null))));
        return decoder;
    }

    private static Collection<GrantedAuthority> roles(Jwt token, SecurityProperties.Jwt settings) {
        String claim = settings.rolesClaim() == null ? "roles" : settings.rolesClaim();
        List<String> roles = token.getClaimAsStringList(claim);
        return roles == null ? List.of() : roles.stream()
                .filter(ROLES::contains)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    private static ProblemDetail problem(HttpStatus status, String title) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        return problem;
    }
}
