package dk.dialogue.ledger.command.thread;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a command endpoint answers: the thread, its version afterwards (also the ETag), and the id of what
 * the command created, if anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreadResponse(String threadId, long version, String proposalId, String letterId) {
}
