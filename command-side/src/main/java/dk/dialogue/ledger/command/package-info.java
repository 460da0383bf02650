/** The command side: records letters and decisions of dialogue threads as immutable events. */
package dk.dialogue.ledger.command;
