package org.gatehouse.sdk.balancer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a {@link LoadBalancingPolicy} component: the value an upstream's {@code algorithm} refers to. Sets the
 * service property {@value #PROPERTY}.
 *
 * <pre>{@code
 * @Component(service = LoadBalancingPolicy.class)
 * @BalancerName("round-robin")
 * public final class RoundRobinPolicy implements LoadBalancingPolicy { ... }
 * }</pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BalancerName {

    /** The service property that carries the name. */
    String PROPERTY = "gatehouse.balancer.name";

    /** Prefix applied to the property name that DS derives from this annotation's name. */
    String PREFIX_ = "gatehouse.";

    /** The algorithm name as written in configuration, and any aliases. */
    String[] value();
}
