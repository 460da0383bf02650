package dk.dialogue.ledger.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Server-Sent Events subscribers of this instance, and delivery of committed changes to them. */
@Component
public class LiveUpdates {

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean closing;

    /**
     * @param threadId only this thread's changes, or {@code null}
     * @param partyId  only changes of threads this party takes part in, or {@code null}
     */
    public SseEmitter subscribe(String threadId, String partyId) {
        SseEmitter emitter = new SseEmitter(0L);
        if (closing) {
            emitter.complete();
            return emitter;
        }
        Subscription subscription = new Subscription(emitter, threadId, partyId);
        subscriptions.add(subscription);
        emitter.onCompletion(() -> subscriptions.remove(subscription));
        emitter.onTimeout(() -> subscriptions.remove(subscription));
        emitter.onError(e -> subscriptions.remove(subscription));
        send(subscription, SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    /**
     * Ends every stream when the service shuts down: an open stream is an active request, and graceful
     * shutdown would wait for it until its timeout. Clients reconnect, to another instance if there is one.
     */
    @EventListener(ContextClosedEvent.class)
    public void closeAll() {
        closing = true;
        subscriptions.forEach(subscription -> subscription.emitter().complete());
        subscriptions.clear();
    }

    /** Sends a change to every matching subscriber; {@code partiesOf} is asked only if a party filter needs it. */
    void deliver(ReadModelChange change, Function<String, Set<String>> partiesOf) {
        Set<String> parties = null;
        for (Subscription subscription : subscriptions) {
            if (subscription.threadId() != null && !subscription.threadId().equals(change.threadId())) {
                continue;
            }
            if (subscription.partyId() != null) {
                parties = parties == null ? partiesOf.apply(change.threadId()) : parties;
                if (!parties.contains(subscription.partyId())) {
                    continue;
                }
            }
            try {
                send(subscription, SseEmitter.event()
                        .name("change")
                        .id(change.readModel() + ":" + change.threadId() + ":" + change.version())
                        .data(json.writeValueAsString(change), MediaType.APPLICATION_JSON));
            } catch (IOException e) {
                subscriptions.remove(subscription);
            }
        }
    }

    /** Keeps idle connections open through proxies, and finds clients that went away. */
    @Scheduled(fixedDelayString = "${ledger.live.heartbeat:15s}")
    public void heartbeat() {
        subscriptions.forEach(subscription -> send(subscription, SseEmitter.event().comment("heartbeat")));
    }

    public int subscribers() {
        return subscriptions.size();
    }

    private void send(Subscription subscription, SseEmitter.SseEventBuilder event) {
        try {
            subscription.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            subscriptions.remove(subscription);
        }
    }

    private record Subscription(SseEmitter emitter, String threadId, String partyId) {
    }
}
