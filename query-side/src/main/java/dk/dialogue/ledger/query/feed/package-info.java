/** The event feed for downstream services: every event once, at a gapless position, as CloudEvents. */
package dk.dialogue.ledger.query.feed;
