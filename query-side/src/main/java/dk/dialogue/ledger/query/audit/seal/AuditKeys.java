package dk.dialogue.ledger.query.audit.seal;

import dk.dialogue.ledger.query.audit.chain.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The digest signing key, which never goes into the database: given as PEM text
 * ({@code LEDGER_AUDIT_SIGNING_KEY}) or as a file ({@code LEDGER_AUDIT_SIGNING_KEY_FILE}); the local profile
 * generates the file on first start. Without a key the ledger is still hash-chained but nothing is sealed.
 */
@Component
public class AuditKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);

    private final Optional<SigningKey> key;

    public AuditKeys(@Value("${ledger.audit.signing-key:}") String pem,
                     @Value("${ledger.audit.signing-key-file:}") String file,
                     @Value("${ledger.audit.generate-signing-key:false}") boolean generate) {
        if (!pem.isBlank()) {
            key = Optional.of(SigningKey.fromPem(pem));
        } else if (!file.isBlank()) {
            key = Optional.of(load(Path.of(file), generate));
        } else {
            LOG.warn("No digest signing key (ledger.audit.signing-key or ledger.audit.signing-key-file): events are "
                    + "hash-chained but no signed digests are made");
            key = Optional.empty();
        }
        key.ifPresent(k -> LOG.info("Digests are signed with Ed25519 key {}", k.keyId()));
    }

    public Optional<SigningKey> signing() {
        return key;
    }

    private static SigningKey load(Path file, boolean generate) {
        try {
            if (generate && !Files.exists(file)) {
                SigningKey fresh = SigningKey.generate();
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(file, fresh.privateKeyPem(), StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    LOG.info("Generated a digest signing key in {}", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another instance generated it first: use theirs
                }
            }
            return SigningKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digest signing key " + file.toAbsolutePath(), e);
        }
    }
}
