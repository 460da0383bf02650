/** Upcasters that turn stored events of an older revision into the current shape, for every reader and writer. */
package dk.dialogue.ledger.events.upcasting;
