/** Measures the ledger's two services against the raw speed of the PostgreSQL they run on, in one run. */
package dk.dialogue.ledger.benchmark;
