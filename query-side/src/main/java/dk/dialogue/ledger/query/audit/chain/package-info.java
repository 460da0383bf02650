/** Tamper evidence without Spring or a database: the event hash chain, signed digests and their verification, shared by the server and the offline verifier. */
package dk.dialogue.ledger.query.audit.chain;
