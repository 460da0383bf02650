/** Publishing the feed to RabbitMQ, for subscribers that outgrow polling: at least once, in feed order. */
package dk.dialogue.ledger.query.feed.broker;
