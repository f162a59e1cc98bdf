package dev.armature.api.config;

import java.util.List;

/**
 * A rule that a proposed configuration must pass before it is applied, beyond what the schema
 * declares; returning violations vetoes the change and keeps the running snapshot.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ConfigValidator {
    /**
     * Checks a proposed snapshot, which is not yet visible to readers.
     *
     * @param proposed the snapshot that would be applied
     * @return the violations, empty to accept
     */
    List<ConfigViolation> validate(ConfigSnapshot proposed);
}
