package dk.dialogue.ledger.command.idempotency;

import org.springframework.test.context.TestPropertySource;

/** The same guarantees when each command is written in a transaction of its own. */
@TestPropertySource(properties = "ledger.commands.group-commit.enabled=false")
class IdempotencyWithoutGroupCommitIT extends IdempotencyIT {
}
