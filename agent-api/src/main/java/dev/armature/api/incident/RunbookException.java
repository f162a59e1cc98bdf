package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;

/**
 * Thrown when a runbook is not well formed, clashes with another, or is asked for something its run
 * cannot do. Nothing was changed.
 *
 * @since 0.1
 */
public final class RunbookException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** Why the runbook or the request was refused. */
    public enum Kind {
        /** The runbook breaks a rule at build: its name, a step's name, no steps, a duplicate step. */
        INVALID,
        /** Two runbooks of one system share a name. */
        DUPLICATE,
        /** No runbook, run or step has the name given. */
        UNKNOWN,
        /** The run is not where the request needs it: an approval for a gate that does not wait. */
        NOT_WAITING,
        /** A run of the runbook for the incident has not ended yet. */
        ALREADY_RUNNING
    }

    /** Why the runbook or the request was refused. */
    private final Kind kind;

    /** The name of the runbook concerned. */
    private final String runbook;

    /**
     * Creates the exception.
     *
     * @param kind why
     * @param runbook the runbook's name as given
     * @param message what was wrong, where, and what to do
     */
    public RunbookException(Kind kind, String runbook, String message) {
        super(codeOf("armature.runbook.", kind), message);
        this.kind = kind;
        this.runbook = requireNonNull(runbook, "runbook");
    }

    /**
     * Returns why the runbook or request was refused.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the name of the runbook concerned.
     *
     * @return the name as given
     */
    public String runbook() {
        return runbook;
    }
}
