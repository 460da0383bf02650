/** Who may read what: the same users and JWT settings as the command side, mapped to the read roles. */
package dk.dialogue.ledger.query.security;
