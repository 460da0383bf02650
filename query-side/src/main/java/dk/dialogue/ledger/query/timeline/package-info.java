/** The timeline read model: every event of a thread as one readable line, for dashboards and auditors. */
package dk.dialogue.ledger.query.timeline;
