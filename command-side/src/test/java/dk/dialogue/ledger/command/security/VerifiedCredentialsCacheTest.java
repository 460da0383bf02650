package dk.dialogue.ledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class VerifiedCredentialsCacheTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final AtomicInteger checks = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Stands in for bcrypt: slow (held until released), accepts only the password "right". */
    private final AuthenticationProvider slowCheck = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("Bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    AuthorityUtils.createAuthorityList("ROLE_CLERK"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(slowCheck, CLOCK, Duration.ofMinutes(5));

    @Test
    void a_burst_of_requests_with_new_credentials_pays_for_one_check_and_later_requests_for_none() throws Exception {
        List<Future<Authentication>> answers = burst("right", 8);
        release.countDown();

        for (Future<Authentication> answer : answers) {
            assertThat(answer.get(5, TimeUnit.SECONDS).isAuthenticated()).isTrue();
        }
        cache.authenticate(token("right"));
        assertThat(checks).hasValue(1);
    }

    @Test
    void a_burst_with_a_wrong_password_fails_every_request_and_is_not_remembered() throws Exception {
        List<Future<Authentication>> answers = burst("wrong", 4);
        release.countDown();

        for (Future<Authentication> answer : answers) {
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> cache.authenticate(token("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks.get()).isBetween(2, 5);
    }

    private List<Future<Authentication>> burst(String password, int requests) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<Future<Authentication>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(clients.submit(() -> cache.authenticate(token(password))));
        }
        clients.shutdown();
        Thread.sleep(200);
        return answers;
    }

    private static UsernamePasswordAuthenticationToken token(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("clerk", password);
    }
}
