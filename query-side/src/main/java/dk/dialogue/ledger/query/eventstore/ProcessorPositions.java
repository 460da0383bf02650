package dk.dialogue.ledger.query.eventstore;

import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a processor's segments stand in commit order, read from the token store all instances share, in the
 * caller's transaction. A segment without a token, or with a replay token that has not passed an event yet (a
 * processor's first token), stands at {@link CommitOrderToken#TAIL}.
 */
@Component
public class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProcessorPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One position per segment; none if the processor has never started anywhere. */
    public List<CommitOrderToken> of(String processor) {
        return jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ?",
                (rs, row) -> position(rs.getBytes(1), rs.getString(2)), processor);
    }

    /** The position every segment of the processor has passed. */
    public CommitOrderToken lowest(String processor) {
        return of(processor).stream().min(CommitOrderToken::compareTo).orElse(CommitOrderToken.TAIL);
    }

    private CommitOrderToken position(byte[] token, String type) {
        if (token == null) {
            return CommitOrderToken.TAIL;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return WrappedToken.unwrap(tracking, CommitOrderToken.class).orElse(CommitOrderToken.TAIL);
    }
}
