/** The query side: read models for dashboards, auditors and downstream services, built from the event store. */
package dk.dialogue.ledger.query;
