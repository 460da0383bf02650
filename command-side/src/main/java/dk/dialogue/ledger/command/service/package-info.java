/** What both services share to be operated: process termination; startup failure reporting in {@code startup}. */
package dk.dialogue.ledger.command.service;
