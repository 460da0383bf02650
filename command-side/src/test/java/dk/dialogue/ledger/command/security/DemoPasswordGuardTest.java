package dk.dialogue.ledger.command.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class DemoPasswordGuardTest {

    private static final String CLERK_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("clerk");
    private static final String STRONG_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder()
            .encode("a long and secret passphrase");

    @Test
    void demo_passwords_are_accepted_with_the_local_profile() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        assertThatCode(() -> SecurityConfiguration.refuseDemoPasswordsOutsideLocal(users("clerk", CLERK_HASH), local))
                .doesNotThrowAnyException();
    }

    @Test
    void a_demo_password_outside_the_local_profile_stops_the_service() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");

        assertThatThrownBy(() -> SecurityConfiguration.refuseDemoPasswordsOutsideLocal(users("clerk", CLERK_HASH),
                production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'clerk' has a demo password");
    }

    @Test
    void real_passwords_are_accepted_outside_the_local_profile() {
        assertThatCode(() -> SecurityConfiguration.refuseDemoPasswordsOutsideLocal(users("clerk", STRONG_HASH),
                new MockEnvironment())).doesNotThrowAnyException();
    }

    @Test
    void an_unknown_role_stops_the_service() {
        SecurityProperties properties = new SecurityProperties(
                List.of(new SecurityProperties.User("clerk", STRONG_HASH, List.of("ADMIN"))), null);

        assertThatThrownBy(() -> SecurityConfiguration.refuseDemoPasswordsOutsideLocal(properties,
                new MockEnvironment())).hasMessageContaining("unknown role 'ADMIN'");
    }

    private static SecurityProperties users(String name, String hash) {
        return new SecurityProperties(List.of(new SecurityProperties.User(name, hash, List.of("CLERK"))), null);
    }
}
