/** Running the projections: failure isolation, dead letters, health and lag. */
package dk.dialogue.ledger.query.processing;
