/** The identifiers of stored messages: time-ordered UUIDs, for every reader and writer. */
package dk.dialogue.ledger.events.identifiers;
