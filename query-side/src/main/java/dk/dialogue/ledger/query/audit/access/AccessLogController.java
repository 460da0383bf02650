package dk.dialogue.ledger.query.audit.access;

import dk.dialogue.ledger.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Auditors list the audit reads (this one included). */
@RestController
@Tag(name = "Audit")
public class AccessLogController {

    private final AccessLog log;

    public AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit/access-log")
    @Operation(summary = "Every audit read — who, what, when, from where — oldest first, after an id")
    public List<AccessRecord> list(@RequestParam(defaultValue = "0") long after,
                                   @RequestParam(defaultValue = "100") int limit,
                                   @RequestParam(required = false) String principal) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidQuery("limit", "must be between 1 and 1000");
        }
        return log.list(after, limit, principal);
    }
}
