/** The meeting calendar read model: every scheduled meeting, as JSON for dashboards and as an iCalendar feed. */
package dk.dialogue.ledger.query.meeting;
