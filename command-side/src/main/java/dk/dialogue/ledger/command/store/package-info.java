/** The event store: Axon's JDBC storage engine on PostgreSQL, its serialisation, snapshots, cache and metadata. */
package dk.dialogue.ledger.command.store;
