/** The zero-install database: a real, durable PostgreSQL started in-process when no datasource is configured. */
package dk.dialogue.ledger.command.embedded;
