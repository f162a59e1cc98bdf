package dev.armature.core.internal.incident.escalation;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;

/**
 * Internal: the keys under {@code armature.incidents.escalation}. The schema checks each key alone;
 * {@link EscalationConfig} reads the steps and checks what the schema cannot see (a step's text, the
 * policy's shape, a default that names no policy).
 */
public final class EscalationSchema {
    /** The prefix every key has. */
    public static final String PREFIX = "armature.incidents.escalation";

    /** The prefix of the policies, each under its name. */
    public static final String POLICIES = PREFIX + ".policies.";

    /** The key of a policy's steps, after its name. */
    public static final String STEPS = "steps";

    /** The key of the default policy's name. */
    public static final String DEFAULT_POLICY = PREFIX + ".default-policy";

    private EscalationSchema() {}

    /** Returns the schema, owned by agent-core. */
    public static ConfigSchema schema(String owner) {
        return ConfigSchema.builder(owner + " (incident escalation)")
                .addPrefix(PREFIX)
                .add(ConfigProperty.builder(POLICIES + "*." + STEPS, ConfigType.listOf(ConfigType.STRING))
                        .reloadable(true)
                        .description("The escalation policy's steps, one per list element, such as 'notify pager',"
                                + " 'wait 5m', 'notify-next-each-time alice-pager,bob-pager', 'notify-if 3 in 10m"
                                + " pager', 'repeat 2' and 'auto-resolve-after-quiet 30m'. Write them as a YAML"
                                + " sequence or indexed keys: a single comma-separated value splits at the commas"
                                + " between channels. A change applies to incidents opened after it.")
                        .build())
                .add(ConfigProperty.builder(DEFAULT_POLICY, ConfigType.STRING)
                        .pattern("[A-Za-z0-9_-]+")
                        .reloadable(true)
                        .description("The name of the escalation policy of incidents that no rule gives another;"
                                + " none by default (such incidents are not escalated).")
                        .build())
                .build();
    }
}
