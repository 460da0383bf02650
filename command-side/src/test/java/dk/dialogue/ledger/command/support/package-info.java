/** Test support: a fresh real PostgreSQL database per Spring context, and HTTP helpers for the command API. */
package dk.dialogue.ledger.command.support;
