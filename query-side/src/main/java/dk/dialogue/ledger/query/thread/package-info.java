/** The thread-status read model: where every dialogue thread stands, for dashboards. */
package dk.dialogue.ledger.query.thread;
