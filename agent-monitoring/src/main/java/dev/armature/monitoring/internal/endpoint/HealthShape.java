package dev.armature.monitoring.internal.endpoint;

/** Internal: the JSON shapes of the health endpoints ({@code armature.endpoints.health.shape}). */
public enum HealthShape {
    /** Spring Boot's: {@code {status, components: {name: {status, details}}}}. */
    SPRING,
    /** MicroProfile Health's: {@code {status, checks: [{name, status, data}]}}. */
    MICROPROFILE
}
