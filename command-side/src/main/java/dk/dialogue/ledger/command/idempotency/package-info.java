/** Idempotency-Key support: a repeated request returns its first outcome and records nothing new. */
package dk.dialogue.ledger.command.idempotency;
