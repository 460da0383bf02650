/**
 * Startup failures an operator can fix (a port in use, an unreachable database, a bad setting) said in one
 * line: Spring Boot failure analyzers and a one-line reporter, registered in {@code META-INF/spring.factories}.
 */
package dk.dialogue.ledger.command.service.startup;
