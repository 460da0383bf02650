package dk.dialogue.ledger.command.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the command context resolver, strict JSON input, the clock every timestamp at the edge comes from, and the
 * Tomcat protocol that lets the application answer requests read during shutdown.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final CommandRequestResolver commandRequestResolver;

    public WebConfiguration(CommandRequestResolver commandRequestResolver) {
        this.commandRequestResolver = commandRequestResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(commandRequestResolver);
    }

    /** No silent coercion in the HTTP API: a number is not text, and text is not a number or a flag. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        });
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> drainingProtocol() {
        return factory -> factory.setProtocol(DrainingHttp11NioProtocol.class.getName());
    }

    @Bean
    @ConditionalOnMissingBean
    public static Clock clock() {
        return Clock.systemUTC();
    }
}
