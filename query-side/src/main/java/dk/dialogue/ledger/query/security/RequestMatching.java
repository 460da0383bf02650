package dk.dialogue.ledger.query.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;

/**
 * The access rules match a request by its path alone, and Spring Security looks up no handler for it. Spring
 * Security 6.5 otherwise matches rules through Spring MVC's handler mappings and, for that, wraps its filter chain
 * in a filter that finds every request's handler before the {@code DispatcherServlet} finds it again: 5-6 % of
 * the command side's request-thread samples (JFR, BENCHMARKS.md). It offers no setting to leave that filter out.
 */
@Configuration(proxyBeanMethods = false)
public class RequestMatching {

    static final String FILTER_CHAIN = "springSecurityFilterChain";
    /** Spring Security's wrapper: the lookup filter, then the filter chain it wrapped. */
    private static final String LOOKUP_WRAPPER = "org.springframework.security.config.annotation.web.configuration."
            + "WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    /** {@code requestMatchers(String...)} then builds path-pattern matchers, which never ask for the handler. */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Puts back the filter chain that Spring Security's lookup wrapper wrapped (itself a wrapper that parses the
     * request's path once, for the path-pattern matchers). Runs after every registry post-processor, Spring
     * Security's included; a definition shaped otherwise is left alone (a test then fails, rather than the service).
     */
    @Bean
    static BeanFactoryPostProcessor unwrappedFilterChain() {
        return beanFactory -> {
            if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(FILTER_CHAIN)
                    && wrapped(registry.getBeanDefinition(FILTER_CHAIN)) instanceof BeanDefinition chain) {
                registry.removeBeanDefinition(FILTER_CHAIN);
                registry.registerBeanDefinition(FILTER_CHAIN, chain);
            }
        };
    }

    /** What the lookup's wrapper wraps: the last of its filters; {@code null} if this is not that wrapper. */
    private static Object wrapped(BeanDefinition definition) {
        ConstructorArgumentValues.ValueHolder filters = definition.getConstructorArgumentValues()
                .getIndexedArgumentValue(0, List.class);
        return LOOKUP_WRAPPER.equals(definition.getBeanClassName()) && filters != null
                && filters.getValue() instanceof List<?> list && list.size() == 2 ? list.get(1) : null;
    }
}
