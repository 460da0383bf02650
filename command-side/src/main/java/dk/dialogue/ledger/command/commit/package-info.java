/** Group commit: the commands of concurrent requests written in one database transaction, each in a savepoint. */
package dk.dialogue.ledger.command.commit;
