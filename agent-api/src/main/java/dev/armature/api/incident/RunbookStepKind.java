package dev.armature.api.incident;

/**
 * What kind of step of a runbook a step is.
 *
 * @since 0.1
 */
public enum RunbookStepKind {
    /** A probe that passes or fails with a detail; it changes nothing. */
    CHECK,
    /** An automated action, idempotent, with an optional rollback. */
    ACTION,
    /** A manual gate: the run waits until a person approves it. */
    GATE
}
