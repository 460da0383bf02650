/** The party overview: per public body, its open threads, scheduled meetings, overdue deadlines and awaited answers. */
package dk.dialogue.ledger.query.party;
