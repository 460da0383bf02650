/** Reading the event store in commit order, so that no event committed late is ever skipped. */
package dk.dialogue.ledger.query.eventstore;
