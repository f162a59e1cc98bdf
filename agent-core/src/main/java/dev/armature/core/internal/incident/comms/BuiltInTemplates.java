package dev.armature.core.internal.incident.comms;

import dev.armature.api.incident.Audience;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the two templates every system has, {@value #INTERNAL} and {@value #STATUS_PAGE}, and the
 * fields a template requires by default: {@code impact}, {@code status} and {@code next-update} at SEV1
 * to SEV3, {@code status} at SEV4 and SEV5. Configuration may override any part of them.
 */
public final class BuiltInTemplates {
    /** The name of the built-in template for responders. */
    public static final String INTERNAL = "internal";

    /** The name of the built-in template for the public status page. */
    public static final String STATUS_PAGE = "status-page";

    /** The fields required at SEV1 to SEV3 unless configured otherwise. */
    public static final Set<String> SEVERE_FIELDS = Set.of("impact", "status", "next-update");

    /** The fields required at SEV4 and SEV5 unless configured otherwise. */
    public static final Set<String> MINOR_FIELDS = Set.of("status");

    static final String INTERNAL_TEXT =
            """
            [{{severity}}/{{priority}}] {{id}} {{state}}: {{title}}

            Status: {{status}}
            {{#impact}}
            Impact: {{impact}}
            {{/impact}}
            {{#next-update}}
            Next update: {{next-update}}
            {{/next-update}}
            Key: {{key}}
            Open since {{opened-at}} ({{duration}})
            """;

    static final String STATUS_PAGE_TEXT =
            """
            {{severity}} incident {{id}}: {{state}}

            {{status}}
            {{#impact}}
            Impact: {{impact}}
            {{/impact}}
            {{#next-update}}
            Next update: {{next-update}}
            {{/next-update}}
            """;

    private BuiltInTemplates() {}

    /**
     * Returns the default required fields per severity.
     *
     * @return a fresh, modifiable map
     */
    public static Map<Severity, Set<String>> defaultRequired() {
        Map<Severity, Set<String>> required = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            required.put(s, s.compareTo(Severity.SEV3) <= 0 ? SEVERE_FIELDS : MINOR_FIELDS);
        }
        return required;
    }

    /**
     * Returns the built-in templates.
     *
     * @return the internal template, then the status page's
     */
    public static List<CommunicationTemplate> all() {
        return List.of(
                new CommunicationTemplate(INTERNAL, Audience.INTERNAL, INTERNAL_TEXT, defaultRequired()),
                new CommunicationTemplate(STATUS_PAGE, Audience.STATUS_PAGE, STATUS_PAGE_TEXT, defaultRequired()));
    }
}
