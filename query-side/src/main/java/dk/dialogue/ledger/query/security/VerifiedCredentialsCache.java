package dk.dialogue.ledger.query.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a short while, credentials that bcrypt already verified, keyed by a SHA-256 of user name
 * and password. bcrypt is deliberately slow (tens of milliseconds); paying it on every request of a client
 * that sends the same Basic credentials each time would cap the command rate, not protect anything more.
 * Requests that arrive together with credentials not yet verified wait for one bcrypt check instead of each
 * running their own (a client opening with a burst would otherwise pay it once per request).
 */
class VerifiedCredentialsCache implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Authentication>> verifying = new ConcurrentHashMap<>();

    VerifiedCredentialsCache(AuthenticationProvider delegate, Clock clock, Duration timeToLive) {
        this.delegate = delegate;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication.getName(), String.valueOf(authentication.getCredentials()));
        Entry entry = verified.get(key);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.authentication();
        }
        CompletableFuture<Authentication> mine = new CompletableFuture<>();
        CompletableFuture<Authentication> running = verifying.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                verified.put(key, new Entry(result, now.plus(timeToLive)));
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            verifying.remove(key, mine);
        }
    }

    private static Authentication await(CompletableFuture<Authentication> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String key(String name, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Entry(Authentication authentication, Instant expires) {
    }
}
