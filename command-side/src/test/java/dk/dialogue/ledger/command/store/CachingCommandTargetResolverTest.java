package dk.dialogue.ledger.command.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dk.dialogue.ledger.command.thread.CloseThread;
import dk.dialogue.ledger.events.ThreadId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class CachingCommandTargetResolverTest {

    private static final ThreadId THREAD = new ThreadId("9b0c1f3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f");
    private static final LocalDate DAY = LocalDate.of(2020, 9, 24);

    private final CachingCommandTargetResolver cached = new CachingCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void resolves_every_command_to_the_same_target_and_version_as_axons_resolver() {
        List<Object> commands = List.of(new CloseThread(THREAD, 4L, "done", DAY),
                new CloseThread(THREAD, null, "done", DAY), new FieldTarget("thread-1", 7L),
                new MethodTarget("thread-2", "12"), new FieldTarget("thread-3", null));
        for (Object command : commands) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            VersionedAggregateIdentifier expected = axons.resolveTarget(message);

            VersionedAggregateIdentifier actual = cached.resolveTarget(message);
            assertThat(actual.getIdentifier()).as("%s", command).isEqualTo(expected.getIdentifier());
            assertThat(actual.getVersion()).as("%s", command).isEqualTo(expected.getVersion());
            assertThat(cached.resolveTarget(message).getIdentifier()).isEqualTo(expected.getIdentifier());
        }
    }

    @Test
    void a_command_without_a_target_or_with_a_version_that_is_no_number_is_refused_as_axons_resolver_refuses_it() {
        for (Object command : List.of(new FieldTarget(null, 1L), new NoTarget("x"), new MethodTarget("t", "seven"))) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            assertThat(catchThrowable(() -> axons.resolveTarget(message))).as("Axon's, %s", command)
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(catchThrowable(() -> cached.resolveTarget(message))).as("%s", command)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(command.getClass().getSimpleName());
        }
    }

    static final class FieldTarget {
        @TargetAggregateIdentifier
        private final String target;
        @TargetAggregateVersion
        private final Long version;

        FieldTarget(String target, Long version) {
            this.target = target;
            this.version = version;
        }
    }

    record MethodTarget(String target, String version) {
        @TargetAggregateIdentifier
        String targetId() {
            return target;
        }

        @TargetAggregateVersion
        String expected() {
            return version;
        }
    }

    record NoTarget(String value) {
    }
}
