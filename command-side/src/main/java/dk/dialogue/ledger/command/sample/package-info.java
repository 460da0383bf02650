/** Sample correspondence: real and illustrative letters, recorded through the command API into an empty ledger. */
package dk.dialogue.ledger.command.sample;
