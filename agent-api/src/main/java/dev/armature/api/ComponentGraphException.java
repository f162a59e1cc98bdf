package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Thrown by {@link AgentSystem.Builder#build()} when the components do not form a valid graph: a
 * dependency cycle, a hard dependency on a name no component has, or a name used twice.
 *
 * @since 0.1
 */
public final class ComponentGraphException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The kind of graph error. */
    public enum Kind {
        /** The components depend on each other in a cycle. */
        CYCLE,
        /** A component depends on a name that no component has. */
        UNKNOWN_DEPENDENCY,
        /** Two components have the same name. */
        DUPLICATE_NAME,
        /** An essential component depends on one that safe mode would stop. */
        ESSENTIAL_DEPENDS_ON_NON_ESSENTIAL
    }

    /** The kind of graph error. */
    private final Kind kind;
    /** The components involved. */
    @SuppressWarnings("serial") // an immutable List.copyOf, serialisable in practice
    private final List<String> components;

    /**
     * Creates the exception.
     *
     * @param kind the kind of graph error
     * @param components the components involved: the cycle's path (first name repeated at the end),
     *     the dependent and the missing name, or the duplicated name
     * @param message what was wrong, where, and what to do
     */
    public ComponentGraphException(Kind kind, List<String> components, String message) {
        super("armature.graph." + requireNonNull(kind, "kind").name().toLowerCase(java.util.Locale.ROOT), message);
        this.kind = kind;
        this.components = List.copyOf(components);
    }

    /**
     * Returns the kind of graph error.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the components involved: for a cycle its whole path with the first name repeated at
     * the end; for an unknown dependency the dependent then the missing name; for a duplicate the
     * name.
     *
     * @return an unmodifiable list
     */
    public List<String> components() {
        return components;
    }
}
