/** Rebuilding a read model from the full history into shadow tables, then swapping them in atomically. */
package dk.dialogue.ledger.query.rebuild;
