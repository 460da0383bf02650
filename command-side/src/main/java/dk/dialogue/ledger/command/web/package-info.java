/** HTTP plumbing shared by every command endpoint: dispatch with retries, request checks and RFC 9457 problems. */
package dk.dialogue.ledger.command.web;
