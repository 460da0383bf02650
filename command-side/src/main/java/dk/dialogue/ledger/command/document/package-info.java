/** The append-only document store: letter texts and attachments kept once, by SHA-256, outside the event history. */
package dk.dialogue.ledger.command.document;
