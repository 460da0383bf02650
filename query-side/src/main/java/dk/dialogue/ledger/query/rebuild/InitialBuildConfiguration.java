package dk.dialogue.ledger.query.rebuild;

import dk.dialogue.ledger.query.eventstore.ProcessorEventSource;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Read models that have never been built (a new database, a migration that reset them, or a first build that was
 * interrupted) are built thread by thread, each thread's rows written once per batch instead of once per event,
 * instead of by their processors replaying the history event by event. The feed is not a fold per thread and
 * replays as before. {@code ledger.rebuild.initial-build-by-thread=false} leaves the first build to the processors.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.rebuild.initial-build-by-thread", havingValue = "true", matchIfMissing = true)
public class InitialBuildConfiguration {

    @Bean
    public InitialBuilds initialBuilds(List<Rebuildable> projections) {
        return new InitialBuilds(projections.stream().map(Rebuildable::group).toList());
    }

    @Bean
    public ConfigurerModule initialBuildsHoldProcessorsBack(InitialBuilds builds, ProcessorEventSource source,
                                                            List<Rebuildable> projections) {
        return configurer -> configurer.eventProcessing(processing -> projections.forEach(projection -> {
            String group = projection.group();
            processing.registerPooledStreamingEventProcessorConfiguration(group, (config, builder) -> builder
                    .messageSource(source.heldBackWhile(() -> builds.holds(group))));
        }));
    }

    /** Once the processors have started (and made their tokens if they had none), in the background. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> initialBuildsStart(InitialBuilds builds,
                                                                       ProjectionRebuilder rebuilder,
                                                                       ProcessorEventSource source,
                                                                       List<Rebuildable> projections) {
        return ready -> rebuilder.buildInitially(projections.stream().map(Rebuildable::group).toList(), group -> {
            builds.release(group);
            source.wakeUp();
        });
    }
}
