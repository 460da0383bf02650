package dk.dialogue.ledger.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Server-Sent Events subscribers of this instance, and delivery of committed changes to them. */
@Component
public class LiveUpdates {

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param threadId only this thread's changes, or {@code null}
     * @param partyId  only changes of threads this party takes part in, or {@code null}
     */
    public SseEmitter subscribe(String threadId, String partyId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscription subscription = new Subscription(emitter, threadId, partyId);
        subscriptions.add(subscription);
        emitter.onCompletion(() -> subscriptions.remove(subscription));
        emitter.onTimeout(() -> subscriptions.remove(subscription));
        emitter.onError(e -> subscriptions.remove(subscription));
        send(subscription, SseEmitter.event().comment("subscribed"));
        return emitter;
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
