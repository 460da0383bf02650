package dk.dialogue.ledger.benchmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.dialogue.ledger.events.DeadlineKind;
import dk.dialogue.ledger.events.EventJson;
import dk.dialogue.ledger.events.Letter;
import dk.dialogue.ledger.events.Party;
import dk.dialogue.ledger.events.ProposedSlot;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands as clerks send them: one in ten opens a thread, the rest act on a thread chosen Zipf-like with
 * the newest threads the busiest. A chosen thread takes the next step of an invitation's lifecycle (reply,
 * counter-proposal, deadline, acceptance, follow-up, reschedule, held, closed, then only letters); when a
 * step is already under way for it, it gets a letter instead, which every stage accepts. Every command is
 * valid, so any error answer is the service's.
 */
final class CommandLoad {

    /** Told of every acknowledged command: the thread, its version afterwards and when the answer came. */
    interface Acknowledgements {
        void acknowledged(String threadId, long version, long nanoTime);
    }

    private static final double NEW_THREAD_SHARE = 0.1;
    /** The step from which a thread takes only letters. */
    private static final int LETTERS_ONLY = 8;
    private static final String CLERK = "clerk";

    private final Http http;
    private final URI threads;
    private final ObjectMapper json = EventJson.objectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final List<Conversation> conversations = new ArrayList<>();
    /** Numbers the letter texts: the ledger refuses the same text twice in one thread. */
    private final AtomicLong letterTexts = new AtomicLong(1_000_000);
    /** Only the open loop's single sending thread draws from it. */
    private final Random random = new Random(7);
    private volatile Acknowledgements acknowledgements = (thread, version, at) -> { };

    CommandLoad(Http http, URI commandSide) {
        this.http = http;
        this.threads = commandSide.resolve("/api/threads");
    }

    void onAcknowledgement(Acknowledgements listener) {
        this.acknowledgements = listener;
    }

    CompletableFuture<Boolean> next() {
        Conversation chosen;
        synchronized (this) {
            int count = conversations.size();
            chosen = count == 0 || random.nextDouble() < NEW_THREAD_SHARE ? null
                    : conversations.get(count - 1 - Zipf.rank(count, random));
        }
        if (chosen == null) {
            return open();
        }
        if (!chosen.stepping.compareAndSet(false, true)) {
            return letter(chosen, "OTHER");
        }
        return step(chosen).whenComplete((ok, failure) -> chosen.stepping.set(false));
    }

    private CompletableFuture<Boolean> open() {
        Party host = Corpus.municipality(random);
        Party guest = random.nextBoolean() ? Corpus.COMMITTEE : Corpus.KL;
        LocalDate date = Corpus.letterDate(random);
        String subject = Corpus.subject(random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "INVITATION");
        body.put("letter", letter(date, subject, host, guest));
        body.put("inviting", List.of(host));
        body.put("invited", List.of(guest));
        body.put("slots", Corpus.slots(date, random));
        body.put("location", Corpus.location(host));
        body.put("deadline", Corpus.deadline(date, DeadlineKind.RESPONSE));
        return send(threads, body, answer -> {
            Conversation opened = new Conversation(answer.get("threadId").asText(), host, guest, date, subject,
                    answer.get("proposalId").asText());
            synchronized (this) {
                conversations.add(opened);
            }
        });
    }

    private CompletableFuture<Boolean> step(Conversation c) {
        LocalDate day = c.opened.plusDays(5 + c.step);
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        switch (c.step) {
            case 0 -> {
                return advance(c, letter(c, "REPLY"));
            }
            case 1 -> {
                path = "proposals";
                body.put("proposedBy", c.guest);
                body.put("slots", Corpus.slots(day, random));
                body.put("counters", c.firstProposal);
                body.put("businessDate", day);
            }
            case 2 -> {
                path = "deadline";
                body.put("deadline", Corpus.deadline(day, DeadlineKind.RESPONSE));
                body.put("businessDate", day);
            }
            case 3 -> {
                path = "acceptance";
                body.put("proposalId", c.counterProposal);
                body.put("slotIndex", 0);
                body.put("acceptedBy", c.host);
                body.put("businessDate", day);
            }
            case 4 -> {
                return advance(c, letter(c, "FOLLOW_UP"));
            }
            case 5 -> {
                path = "reschedule";
                ProposedSlot moved = Corpus.slot(day.plusDays(30), 9);
                body.put("newSlot", moved);
                body.put("requestedBy", c.host);
                body.put("reason", "Sammenfald med byrådsmøde");
                body.put("basis", "STATED_IN_LETTER");
                body.put("businessDate", day);
            }
            case 6 -> {
                path = "held";
                body.put("heldOn", day.plusDays(30));
                body.put("note", "Godt møde");
            }
            case 7 -> {
                path = "closure";
                body.put("reason", "Mødet er holdt");
                body.put("businessDate", day.plusDays(33));
            }
            default -> {
                return letter(c, "OTHER");
            }
        }
        return advance(c, send(threads.resolve("/api/threads/" + c.id + "/" + path), body, answer -> {
            if (answer.hasNonNull("proposalId")) {
                c.counterProposal = answer.get("proposalId").asText();
            }
        }));
    }

    /**
     * Moves the lifecycle on after a step. A failed step (an error or a timeout, after which the service may
     * still have recorded it) leaves the thread's stage unknown, so it gets only letters from then on.
     */
    private static CompletableFuture<Boolean> advance(Conversation c, CompletableFuture<Boolean> command) {
        return command.handle((ok, failure) -> {
            boolean succeeded = failure == null && ok;
            c.step = succeeded ? c.step + 1 : LETTERS_ONLY;
            return succeeded;
        });
    }

    private CompletableFuture<Boolean> letter(Conversation c, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        body.put("letter", letter(c.opened.plusDays(3 + c.step), "Sv: " + c.subject, c.guest, c.host));
        return send(threads.resolve("/api/threads/" + c.id + "/letters"), body, answer -> { });
    }

    /** A letter as the API takes it: the registered data and the full text, which is new every time. */
    private Map<String, Object> letter(LocalDate date, String subject, Party from, Party to) {
        Letter letter = Corpus.letter(date, subject, from, to, "", random);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("letterDate", letter.letterDate());
        input.put("references", letter.references());
        input.put("subject", letter.subject());
        input.put("senders", letter.senders());
        input.put("signatories", letter.signatories());
        input.put("recipients", letter.recipients());
        input.put("text", Corpus.text(letterTexts.incrementAndGet()));
        return input;
    }

    private CompletableFuture<Boolean> send(URI uri, Map<String, Object> body,
                                            java.util.function.Consumer<JsonNode> onSuccess) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a command body", e);
        }
        return http.post(uri, CLERK, text).thenApply(response -> handle(response, onSuccess));
    }

    private boolean handle(KeepAliveHttp.Answer response, java.util.function.Consumer<JsonNode> onSuccess) {
        long at = System.nanoTime();
        if (response.status() != 200 && response.status() != 201) {
            Errors.report(response);
            return false;
        }
        try {
            JsonNode answer = json.readTree(response.body());
            onSuccess.accept(answer);
            acknowledgements.acknowledged(answer.get("threadId").asText(), answer.get("version").asLong(), at);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
