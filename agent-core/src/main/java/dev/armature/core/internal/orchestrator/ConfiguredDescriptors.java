package dev.armature.core.internal.orchestrator;

import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.RestartIntensity;
import dev.armature.api.RestartKind;
import dev.armature.api.RestartPolicy;
import dev.armature.api.RestartStrategy;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigViolation;
import java.time.Duration;
import java.util.List;

/**
 * Internal: applies {@code armature.components.<name>.*} settings over the code's descriptor, so an
 * operator can change a timeout or restart policy without a new build. The code's values are the
 * defaults.
 */
final class ConfiguredDescriptors {
    private ConfiguredDescriptors() {}

    static ComponentDescriptor apply(ComponentDescriptor code, ConfigSnapshot config) {
        String p = "armature.components." + code.name() + ".";
        RestartPolicy policy = code.restartPolicy();
        Backoff b = policy.backoff();
        RestartIntensity i = policy.intensity();
        try {
            Backoff backoff = new Backoff(
                    config.get(p + "restart.backoff.min", Duration.class, b.min()),
                    config.get(p + "restart.backoff.max", Duration.class, b.max()),
                    config.get(p + "restart.backoff.multiplier", Double.class, b.multiplier()),
                    config.get(p + "restart.backoff.jitter", Double.class, b.jitter()),
                    b.resetAfter());
            RestartIntensity intensity = new RestartIntensity(
                    config.get(p + "restart.intensity.max-restarts", Integer.class, i.maxRestarts()),
                    config.get(p + "restart.intensity.window", Duration.class, i.window()));
            RestartPolicy configured = new RestartPolicy(
                    config.get(p + "restart.kind", RestartKind.class, policy.kind()),
                    config.get(p + "restart.strategy", RestartStrategy.class, policy.strategy()),
                    backoff,
                    intensity);
            return code.toBuilder()
                    .startTimeout(config.get(p + "start-timeout", Duration.class, code.startTimeout()))
                    .stopTimeout(config.get(p + "stop-timeout", Duration.class, code.stopTimeout()))
                    .optional(config.get(p + "optional", Boolean.class, code.optional()))
                    .essential(config.get(p + "essential", Boolean.class, code.essential()))
                    .restartPolicy(configured)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigValidationException(
                    "the settings of component " + code.name(),
                    List.of(ConfigViolation.missing(p + "restart", String.valueOf(e.getMessage()))));
        }
    }
}
