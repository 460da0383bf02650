/** The ledger's events and the value types they carry: a public, versioned contract read by every other module and by downstream services. */
package dk.dialogue.ledger.events;
