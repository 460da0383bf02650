/** Periodic Ed25519-signed digests over the event store's hash chains, kept beside it and downloadable. */
package dk.dialogue.ledger.query.audit.seal;
