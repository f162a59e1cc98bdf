package dev.armature.api;

import static java.util.Objects.requireNonNull;

/**
 * One component's failure, as listed by a {@link StartupException} or a {@link ShutdownReport}.
 *
 * @param component the component's name
 * @param failure what went wrong
 * @since 0.1
 */
public record ComponentFailure(String component, FailureInfo failure) {
    /**
     * Checks that both parts are present.
     *
     * @param component the component's name
     * @param failure what went wrong
     */
    public ComponentFailure {
        requireNonNull(component, "component");
        requireNonNull(failure, "failure");
    }
}
