package dev.armature.core.internal.incident.comms;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.incident.Audience;
import dev.armature.api.incident.Severity;
import java.util.Locale;

/**
 * Internal: the keys under {@value #PREFIX}. Per template ({@code templates.<name>.}): {@code
 * audience}, {@code text} and {@code required.sev1} … {@code required.sev5}; per severity: {@code
 * cadence.sev1} … {@code cadence.sev5}. All reloadable: the settings are read again for each message.
 */
public final class CommunicationSchema {
    /** The prefix the schema claims. */
    public static final String PREFIX = "armature.incidents.communication";

    /** The prefix of per-template keys, followed by the template's name. */
    public static final String TEMPLATES = PREFIX + ".templates";

    /** The prefix of the cadence keys, followed by the severity in lower case. */
    public static final String CADENCE = PREFIX + ".cadence";

    private CommunicationSchema() {}

    /**
     * Returns the schema.
     *
     * @param owner the owner reports name, such as {@code agent-core}
     * @return the schema
     */
    public static ConfigSchema schema(String owner) {
        ConfigSchema.Builder b =
                ConfigSchema.builder(owner + " (incident communication)").addPrefix(PREFIX);
        String template = TEMPLATES + ".*.";
        b.add(ConfigProperty.builder(template + "audience", ConfigType.enumOf(Audience.class))
                .reloadable(true)
                .description("Who reads the template's messages: internal or status-page. The built-in template's"
                        + " audience, or internal for a new template.")
                .build());
        b.add(ConfigProperty.builder(template + "text", ConfigType.STRING)
                .reloadable(true)
                .description("The template's logic-less Mustache text; its first line is the subject. Required for"
                        + " a new template; the built-in text for internal and status-page.")
                .build());
        for (Severity s : Severity.values()) {
            String sev = segment(s);
            boolean severe = s.compareTo(Severity.SEV3) <= 0;
            b.add(ConfigProperty.builder(template + "required." + sev, ConfigType.listOf(ConfigType.STRING))
                    .reloadable(true)
                    .description("The fields a message at " + s + " must be given, not blank; "
                            + (severe ? "impact, status, next-update" : "status")
                            + " by default. An empty value requires none.")
                    .build());
            ConfigProperty.Builder cadence = ConfigProperty.builder(CADENCE + "." + sev, ConfigType.DURATION)
                    .min("0s")
                    .reloadable(true);
            if (s == Severity.SEV1) {
                cadence.defaultValue("30m");
            } else if (s == Severity.SEV2) {
                cadence.defaultValue("60m");
            }
            b.add(cadence.description("How long after the last communication (or the opening) of an open "
                            + s + " incident a reminder to communicate is due; 0s for none. "
                            + (s == Severity.SEV1 ? "30m" : s == Severity.SEV2 ? "60m" : "None") + " by default.")
                    .build());
        }
        return b.build();
    }

    /** Returns a severity as its key segment, {@code sev1} … {@code sev5}. */
    static String segment(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
