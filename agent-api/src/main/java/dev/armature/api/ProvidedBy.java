package dev.armature.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Maven artifact whose module provides a service interface, so that {@link
 * AgentSystem#service(Class)} can tell a host which dependency to add when the module is absent.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProvidedBy {
    /**
     * Returns the module's Maven coordinates.
     *
     * @return {@code groupId:artifactId}, for example {@code dev.armature:agent-monitoring}
     */
    String value();
}
