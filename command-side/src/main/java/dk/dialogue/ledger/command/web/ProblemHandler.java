package dk.dialogue.ledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dk.dialogue.ledger.command.idempotency.IdempotencyKeyReused;
import dk.dialogue.ledger.command.thread.StaleVersion;
import dk.dialogue.ledger.command.thread.ThreadRuleViolation;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457). Client errors name the offending field in
 * {@code errors[].field}; nothing internal (class names, stack traces) reaches the client.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        return withErrors(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(ThreadRuleViolation.class)
    ProblemDetail ruleViolated(ThreadRuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "The thread does not allow this",
                e.getMessage());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldError(e.field(), e.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(StaleVersion.class)
    ProblemDetail stale(StaleVersion e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "The thread has changed", e.getMessage());
        problem.setProperty("currentVersion", e.actual());
        problem.setProperty("errors", List.of(new FieldError(HttpHeaders.IF_MATCH, e.getMessage())));
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such thread",
                "thread " + e.getAggregateIdentifier() + " does not exist");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail alreadyExists(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "The thread already exists", "a thread with this id already exists");
    }

    @ExceptionHandler(ConcurrentModification.class)
    ProblemDetail concurrent(ConcurrentModification e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail keyReused(IdempotencyKeyReused e) {
        return withErrors(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage(),
                List.of(new FieldError("Idempotency-Key", e.getMessage())));
    }

    /**
     * A failure of the database's reachability is the client's to retry, not a defect: 503 with {@code Retry-After}.
     * Anything else is a defect, logged with its stack trace and answered without one.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnreachable.caused(e)) {
            LOG.warn("Database unreachable: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                            "the ledger's database could not be reached; send the request again later, with the same"
                            + " Idempotency-Key: a command is recorded at most once under its key"));
        }
        LOG.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request could not be completed; nothing was recorded"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldError error = describe(e.getCause());
        return ResponseEntity.badRequest().body(withErrors(HttpStatus.BAD_REQUEST, "Unreadable request body",
                error.field() + ": " + error.message(), List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body == null) {
            body = problem(status, HttpStatus.valueOf(status.value()).getReasonPhrase(), e.getMessage());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** Names the field Jackson stumbled on, without quoting Java types. */
    private static FieldError describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException format) {
            return new FieldError(path(format), "has an invalid value '" + format.getValue() + "'");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return new FieldError(path(mismatch), "has the wrong type or shape");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(path(mapping), "has an invalid value");
        }
        if (cause instanceof JsonProcessingException parse) {
            var location = parse.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            return new FieldError("body", "is not valid JSON" + where);
        }
        return new FieldError("body", "is missing or unreadable");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ProblemDetail withErrors(HttpStatus status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = problem(status, title, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
