package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

/**
 * What a recovery chain recovers: a component, a guard or the errors of one fingerprint.
 *
 * @param kind what kind of thing it is
 * @param name the component's or guard's name, or the fingerprint as text ({@code v1:...})
 * @since 0.1
 */
public record RecoveryTarget(Kind kind, String name) {
    /** The kinds of targets, each with the signal that starts its chain. */
    public enum Kind {
        /** A component; its chain starts when the supervisor escalates. */
        COMPONENT,
        /** A guard; its chain starts when its circuit opens, and ends when it closes. */
        GUARD,
        /** Errors of one fingerprint; its chain starts on a new-error, spike or escalating finding. */
        FINGERPRINT
    }

    /**
     * Checks every part.
     *
     * @param kind the kind
     * @param name the name; not blank
     */
    public RecoveryTarget {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a recovery target's name must not be blank");
        }
    }

    /**
     * Returns the target of a component.
     *
     * @param name the component's name
     * @return the target
     */
    public static RecoveryTarget component(String name) {
        return new RecoveryTarget(Kind.COMPONENT, name);
    }

    /**
     * Returns the target of a guard.
     *
     * @param name the guard's name
     * @return the target
     */
    public static RecoveryTarget guard(String name) {
        return new RecoveryTarget(Kind.GUARD, name);
    }

    /**
     * Returns the target of the errors of one fingerprint.
     *
     * @param fingerprint the fingerprint
     * @return the target
     */
    public static RecoveryTarget fingerprint(Fingerprint fingerprint) {
        return new RecoveryTarget(Kind.FINGERPRINT, fingerprint.toString());
    }

    /**
     * Returns {@code kind:name}, as logs and events show it.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
