package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An applied version in the configuration's history.
 *
 * @param version the version, numbered from 1
 * @param appliedAt when it was applied
 * @param source the source whose change created it, such as {@code file:/etc/agent/armature.yaml},
 *     {@code overrides} or {@code rollback to 3}
 * @param diff what changed from the version before, masked
 * @since 0.1
 */
public record ConfigVersion(long version, Instant appliedAt, String source, List<ConfigDiff> diff) {
    /**
     * Checks every part and copies the diff.
     *
     * @param version the version
     * @param appliedAt the time
     * @param source the source
     * @param diff the diff
     */
    public ConfigVersion {
        requireNonNull(appliedAt, "appliedAt");
        requireNonNull(source, "source");
        diff = List.copyOf(diff);
    }
}
