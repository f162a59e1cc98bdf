package dev.armature.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link AgentSystem#start()} when one or more required components failed to start.
 *
 * <p>It lists every failure, not only the first: starts already running when the first failure
 * happened are awaited and their outcome is included. By the time it is thrown, every component
 * that had started has been stopped again, in reverse dependency order.
 *
 * @since 0.1
 */
public final class StartupException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.startup.failed";

    /** Every failure. */
    @SuppressWarnings("serial") // an immutable List.copyOf of records, not serialised in practice
    private final List<ComponentFailure> failures;

    /**
     * Creates the exception from the failures of one start.
     *
     * @param failures every component that failed, in the order the failures happened; not empty
     */
    public StartupException(List<ComponentFailure> failures) {
        super(CODE, message(failures));
        this.failures = List.copyOf(failures);
    }

    /**
     * Returns every component that failed to start, in the order the failures happened.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<ComponentFailure> failures() {
        return failures;
    }

    private static String message(List<ComponentFailure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        return failures.size()
                + " component(s) failed to start; everything that had started was stopped again: "
                + failures.stream()
                        .map(f -> f.component() + " (" + f.failure().summary() + ")")
                        .collect(Collectors.joining(", "))
                + ". Fix the failing components or mark them optional.";
    }
}
