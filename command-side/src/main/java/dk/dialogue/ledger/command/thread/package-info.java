/** The dialogue-thread feature: its commands, the aggregate that decides on them, and their HTTP API. */
package dk.dialogue.ledger.command.thread;
