package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an attempt to change the configuration did: a reload, an override, a rollback, or a
 * preview that applied nothing.
 *
 * @param outcome what happened
 * @param version the version in force afterwards (for a preview, the one that would be created)
 * @param changes the keys that changed (or would), in key order
 * @param violations why the change was rejected; empty unless rejected
 * @param restartRequired keys whose change was held back because they are not reloadable
 * @since 0.1
 */
public record ConfigUpdate(
        Outcome outcome,
        long version,
        List<ConfigChange> changes,
        List<ConfigViolation> violations,
        List<String> restartRequired) {
    /**
     * Checks every part and copies the lists.
     *
     * @param outcome the outcome
     * @param version the version
     * @param changes the changes
     * @param violations the violations
     * @param restartRequired the held-back keys
     */
    public ConfigUpdate {
        requireNonNull(outcome, "outcome");
        changes = List.copyOf(changes);
        violations = List.copyOf(violations);
        restartRequired = List.copyOf(restartRequired);
    }

    /** What an update did. */
    public enum Outcome {
        /** A new version was committed and listeners were told. */
        APPLIED,
        /** Nothing changed (or only keys that need a restart); no new version. */
        UNCHANGED,
        /** Validation or a validator refused; the running snapshot stays. */
        REJECTED,
        /** A dry run: nothing was applied. */
        PREVIEW
    }
}
