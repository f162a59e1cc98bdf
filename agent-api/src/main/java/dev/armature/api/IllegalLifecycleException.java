package dev.armature.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when an operation is not allowed in the current lifecycle state, such as starting a system
 * twice, starting one that has stopped, or building from a builder that has already built.
 *
 * @since 0.1
 */
public final class IllegalLifecycleException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.lifecycle.illegal";

    /** The refused operation. */
    private final String operation;
    /** The state that refused it. */
    private final String state;

    /**
     * Creates the exception.
     *
     * @param operation the refused operation, for example {@code start()}
     * @param state the state that refused it, for example {@code RUNNING}
     * @param advice what to do instead
     */
    public IllegalLifecycleException(String operation, String state, String advice) {
        super(
                CODE,
                requireNonNull(operation, "operation") + " is not allowed in state " + requireNonNull(state, "state")
                        + ": " + requireNonNull(advice, "advice"));
        this.operation = operation;
        this.state = state;
    }

    /**
     * Returns the refused operation.
     *
     * @return the operation, for example {@code start()}
     */
    public String operation() {
        return operation;
    }

    /**
     * Returns the state that refused the operation.
     *
     * @return the state's name
     */
    public String state() {
        return state;
    }
}
