package dk.dialogue.ledger.query.feed;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open feed streams of this instance. Each has its own cursor and is fed from the feed table, so a
 * subscriber on any instance gets every event, in order, and resumes exactly where its last id left off.
 */
@Component
public class FeedStreams {

    private static final int BATCH = 500;

    private final FeedRepository feed;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    public FeedStreams(FeedRepository feed) {
        this.feed = feed;
    }

    SseEmitter open(long after, List<String> types, String partyId) {
        SseEmitter emitter = new SseEmitter(0L);
        if (closing) {
            emitter.complete();
            return emitter;
        }
        Stream stream = new Stream(emitter, types, partyId, after);
        streams.add(stream);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        return emitter;
    }

    /** The streams open now. */
    public int subscribers() {
        return streams.size();
    }

    /**
     * Ends every stream when the service shuts down, so graceful shutdown does not wait for them until its
     * timeout; a client reconnects with its Last-Event-ID and resumes exactly where it was.
     */
    @EventListener(ContextClosedEvent.class)
    public void closeAll() {
        closing = true;
        for (Stream stream : streams) {
            synchronized (stream) {
                stream.emitter.complete();
            }
        }
        streams.clear();
    }

    @Scheduled(fixedDelayString = "${ledger.feed.stream-poll:100ms}")
    public void push() {
        for (Stream stream : streams) {
            synchronized (stream) {
                try {
                    List<CloudEvent> events = feed.after(stream.position, BATCH, stream.types, stream.partyId);
                    for (CloudEvent event : events) {
                        stream.emitter.send(SseEmitter.event().id(Long.toString(event.ledgerposition()))
                                .name(event.type()).data(event, MediaType.APPLICATION_JSON));
                        stream.position = event.ledgerposition();
                    }
                } catch (IOException | IllegalStateException e) {
                    streams.remove(stream);
                }
            }
        }
    }

    private static final class Stream {
        private final SseEmitter emitter;
        private final List<String> types;
        private final String partyId;
        private long position;

        Stream(SseEmitter emitter, List<String> types, String partyId, long position) {
            this.emitter = emitter;
            this.types = types;
            this.partyId = partyId;
            this.position = position;
        }
    }
}
