package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;

/**
 * Thrown by {@link Incidents} when a request cannot be carried out: the incident does not exist, the
 * move is not allowed from its state, or its source still fails. Nothing was changed.
 *
 * @since 0.1
 */
public final class IncidentException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Kind {
        /** No incident has the id. */
        NOT_FOUND,
        /** The incident's state does not allow the move (see {@link IncidentState#canMoveTo}). */
        ILLEGAL_TRANSITION,
        /** A resolve without force while what opened the incident still fails. */
        SOURCE_STILL_FAILING,
        /** The request named something that does not exist (an action item, a runbook, a template). */
        UNKNOWN_REFERENCE
    }

    /** Why the request was refused. */
    private final Kind kind;
    /** The incident's id as given. */
    private final String incidentId;

    /**
     * Creates the exception.
     *
     * @param kind why
     * @param incidentId the incident's id as given
     * @param message what was wrong, where, and what to do
     */
    public IncidentException(Kind kind, String incidentId, String message) {
        super(codeOf("armature.incident.", kind), message);
        this.kind = kind;
        this.incidentId = requireNonNull(incidentId, "incidentId");
    }

    /**
     * Returns why the request was refused.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the id of the incident the request named.
     *
     * @return the id as given
     */
    public String incidentId() {
        return incidentId;
    }
}
