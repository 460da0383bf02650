/** The record of every audit read: who, what, when, from where. */
package dk.dialogue.ledger.query.audit.access;
