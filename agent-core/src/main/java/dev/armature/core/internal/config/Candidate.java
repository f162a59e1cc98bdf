package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigOrigin;
import dev.armature.spi.config.SourceValue;

/**
 * Internal: one source's value for a key. A profile-qualified key ({@code %prod.a}) outranks the
 * plain key of the same source, and a current name outranks a former one.
 */
record Candidate(String sourceKey, SourceValue value, Layer layer, int profileRank, boolean relocated) {
    ConfigOrigin origin() {
        return new ConfigOrigin(layer.name(), layer.ordinal(), value.location());
    }

    boolean outranks(Candidate other) {
        if (layer.ordinal() != other.layer.ordinal()) {
            return layer.ordinal() > other.layer.ordinal();
        }
        if (profileRank != other.profileRank) {
            return profileRank > other.profileRank;
        }
        if (layer.rank() != other.layer.rank()) {
            return layer.rank() > other.layer.rank();
        }
        return !relocated && other.relocated;
    }
}
