/** Who may do what: HTTP Basic users from configuration, or OAuth2 JWTs, mapped to the ledger's roles. */
package dk.dialogue.ledger.command.security;
