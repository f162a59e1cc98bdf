package dev.armature.api.monitoring;

/**
 * What an evaluation that finds no data means to an alert rule: missing data is not recovery unless
 * the rule says so.
 *
 * @since 0.1
 */
public enum NoDataPolicy {
    /** Nothing changes, the default: a firing alert keeps firing, a pending one keeps waiting. */
    KEEP_STATE,
    /** The evaluation counts as a breach of the condition. */
    ALERTING,
    /** The evaluation counts as the resolve condition holding. */
    OK
}
