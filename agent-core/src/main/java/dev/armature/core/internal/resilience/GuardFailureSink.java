package dev.armature.core.internal.resilience;

import dev.armature.api.resilience.ErrorClass;

/**
 * Internal: where a guard reports every failure of its operation, with its class. The system's error
 * service records these as {@code ErrorEvent}s with the origin {@code GUARD}; until it is connected
 * the sink does nothing.
 */
@FunctionalInterface
public interface GuardFailureSink {
    /** A sink that drops every failure. */
    GuardFailureSink NONE = (guard, key, error, errorClass) -> {};

    /**
     * Receives one failure; must be quick and must not throw.
     *
     * @param guard the guard's name
     * @param key the key of a keyed guard, or empty
     * @param error the failure as the operation threw it
     * @param errorClass its class
     */
    void failed(String guard, String key, Throwable error, ErrorClass errorClass);
}
