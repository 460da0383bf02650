/** The standalone verifier: checks an export against the auditor's public key, with no database and no server. */
package dk.dialogue.ledger.query.audit.offline;
