/** The auditors' view of the ledger: complete history, point-in-time states, tamper evidence, export and certified rebuilds. */
package dk.dialogue.ledger.query.audit;
