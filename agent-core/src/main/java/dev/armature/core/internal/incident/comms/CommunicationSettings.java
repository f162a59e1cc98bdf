package dev.armature.core.internal.incident.comms;

import static dev.armature.core.internal.incident.comms.CommunicationSchema.CADENCE;
import static dev.armature.core.internal.incident.comms.CommunicationSchema.TEMPLATES;
import static dev.armature.core.internal.incident.comms.CommunicationSchema.segment;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.incident.Audience;
import dev.armature.api.incident.CommunicationCadence;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the communication templates by name (the built-in ones, as configuration overrides them,
 * and those it adds) and the reminder cadence, read from {@value CommunicationSchema#PREFIX}. Every
 * template's text is checked when read, so a bad template is a configuration error naming its key,
 * not a failure at the first incident.
 *
 * @param templates the templates by name, built-in ones first, then the others sorted by name
 * @param cadence the reminder cadence
 */
public record CommunicationSettings(Map<String, CommunicationTemplate> templates, CommunicationCadence cadence) {
    /** The code of a configuration error in these keys, as the incident manager's own. */
    public static final String INVALID = "armature.incidents.invalid";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Copies the templates.
     *
     * @param templates the templates
     * @param cadence the cadence
     */
    public CommunicationSettings {
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    }

    /**
     * Returns the settings without configuration: the built-in templates and the default cadence.
     *
     * @return the settings
     */
    public static CommunicationSettings defaults() {
        Map<String, CommunicationTemplate> templates = new LinkedHashMap<>();
        BuiltInTemplates.all().forEach(t -> templates.put(t.name(), t));
        return new CommunicationSettings(templates, CommunicationCadence.ofDefaults());
    }

    /**
     * Returns a template.
     *
     * @param name its name
     * @return the template, or empty if none has the name
     */
    public Optional<CommunicationTemplate> template(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /**
     * Reads the settings from a snapshot.
     *
     * @param config the snapshot
     * @return the settings
     * @throws ConfigException with code {@value #INVALID} naming the key at fault: a new template without
     *     text, a malformed template or field name, or a text that is not valid template text
     */
    public static CommunicationSettings read(ConfigSnapshot config) {
        Map<String, CommunicationTemplate> templates =
                new LinkedHashMap<>(defaults().templates());
        Set<String> names = new TreeSet<>();
        String prefix = TEMPLATES + ".";
        for (String key : config.keys()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                if (!NAME.matcher(name).matches()) {
                    throw new ConfigException(
                            INVALID,
                            key + ": '" + name + "' is not a template name; use lower case letters, digits and '-',"
                                    + " starting with a letter",
                            key,
                            null);
                }
                names.add(name);
            }
        }
        for (String name : names) {
            templates.put(name, template(config, name, templates.get(name)));
        }
        return new CommunicationSettings(templates, cadence(config));
    }

    private static CommunicationTemplate template(
            ConfigSnapshot config, String name, @Nullable CommunicationTemplate builtIn) {
        String base = TEMPLATES + "." + name + ".";
        Audience audience = config.getOptional(base + "audience", Audience.class)
                .orElse(builtIn == null ? Audience.INTERNAL : builtIn.audience());
        Optional<String> configured = config.getOptional(base + "text", String.class);
        String text;
        if (configured.isPresent()) {
            text = configured.get();
        } else if (builtIn != null) {
            text = builtIn.text();
        } else {
            String key = base + "text";
            throw new ConfigException(
                    INVALID,
                    key + ": template '" + name + "' has no text; give it one (its first line is the subject), or"
                            + " remove the template's other keys",
                    key,
                    null);
        }
        if (text.isBlank()) {
            String key = base + "text";
            throw new ConfigException(
                    INVALID,
                    key + ": template '" + name + "' has a blank text; give it at least a subject line",
                    key,
                    null);
        }
        Map<Severity, Set<String>> required = new EnumMap<>(Severity.class);
        required.putAll(builtIn == null ? BuiltInTemplates.defaultRequired() : builtIn.required());
        for (Severity s : Severity.values()) {
            String key = base + "required." + segment(s);
            boolean present = config.keys().stream().anyMatch(k -> k.equals(key) || k.startsWith(key + "["));
            if (present) {
                Set<String> fields = new TreeSet<>();
                for (String field : config.getList(key, String.class)) {
                    String f = field.trim();
                    if (f.isEmpty()) {
                        continue;
                    }
                    if (!NAME.matcher(f).matches()) {
                        throw new ConfigException(
                                INVALID,
                                key + ": '" + f + "' is not a field name; use lower case letters, digits and '-',"
                                        + " starting with a letter",
                                key,
                                null);
                    }
                    fields.add(f);
                }
                required.put(s, fields);
            }
        }
        CommunicationTemplate template = new CommunicationTemplate(name, audience, text, required);
        try {
            TemplateRenderer.check(template);
        } catch (TemplateException e) {
            String key = base + "text";
            throw new ConfigException(INVALID, key + ": " + e.getMessage(), key, e);
        }
        return template;
    }

    private static CommunicationCadence cadence(ConfigSnapshot config) {
        Map<Severity, Duration> intervals = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String key = CADENCE + "." + segment(s);
            Duration fallback = CommunicationCadence.ofDefaults().interval(s).orElse(Duration.ZERO);
            Duration interval = config.get(key, Duration.class, fallback);
            if (interval.isNegative()) {
                throw new ConfigException(
                        INVALID, key + " must not be negative, was " + interval + "; 0s for no reminders", key, null);
            }
            if (!interval.isZero()) {
                intervals.put(s, interval);
            }
        }
        return new CommunicationCadence(intervals);
    }
}
