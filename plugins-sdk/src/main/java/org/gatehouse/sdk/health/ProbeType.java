package org.gatehouse.sdk.health;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a {@link HealthProbe} component: the value of an upstream's {@code health_checks.type}, such as
 * {@code http} or {@code websocket}. Sets the service property {@value #PROPERTY}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProbeType {

    /** The service property that carries the type. */
    String PROPERTY = "gatehouse.probe.type";

    /** Prefix applied to the property name that DS derives from this annotation's name. */
    String PREFIX_ = "gatehouse.";

    /** The probe type, as written in configuration. */
    String value();
}
