/** HTTP plumbing of the read APIs: RFC 9457 problems, ETags and the clock that decides what is overdue. */
package dk.dialogue.ledger.query.web;
