/** Live updates: read-model changes announced on commit through PostgreSQL, streamed to clients as Server-Sent Events. */
package dk.dialogue.ledger.query.live;
