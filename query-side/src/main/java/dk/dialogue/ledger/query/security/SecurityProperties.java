package dk.dialogue.ledger.query.security;

import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.security.*}: the users allowed in with HTTP Basic, and the optional JWT resource server.
 *
 * @param users users with bcrypt password hashes and roles (CLERK, AUDITOR, DASHBOARD, SUBSCRIBER)
 * @param jwt   OAuth2 resource-server settings
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(List<User> users, Jwt jwt) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        jwt = jwt == null ? new Jwt(false, null, null, null, null) : jwt;
    }

    /**
     * @param name         the user name
     * @param passwordHash a bcrypt hash, e.g. {@code {bcrypt}$2a$10$...}
     * @param roles        role names without the ROLE_ prefix
     */
    public record User(String name, String passwordHash, List<String> roles) {
    }

    /**
     * @param enabled           accept bearer JWTs
     * @param issuerUri         the issuer, checked on every token; its keys are discovered from it
     * @param audience          the audience a token must name
     * @param rolesClaim        the claim listing the ledger roles, {@code roles} by default
     * @param publicKeyLocation an RSA public key (PEM) to verify tokens with instead of discovering the issuer's
     */
    public record Jwt(boolean enabled, String issuerUri, String audience, String rolesClaim,
                      Resource publicKeyLocation) {
    }
}
