package dev.armature.core.internal.incident;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigType;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.SloBinding;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the keys under {@code armature.incidents}, read once when the incident manager starts. A
 * wrong key is a {@link ConfigException} naming it.
 *
 * @param openOn the signals that open incidents
 * @param severities the severity of each signal's incidents
 * @param priorities the priority of each signal's incidents
 * @param circuitStuckAfter how long a circuit stays open before it opens an incident
 * @param quiet how long an incident whose source no longer fails stays open without a signal before
 *     the system resolves it; zero for never
 * @param channels the channels told when an incident opens or changes state
 * @param autoRunRunbooks whether the runbooks bound to a new incident's key start when it opens
 * @param slos the service level objectives incidents are measured against, by name
 */
record IncidentSettings(
        Set<SignalSource> openOn,
        Map<SignalSource, Severity> severities,
        Map<SignalSource, Priority> priorities,
        Duration circuitStuckAfter,
        Duration quiet,
        List<String> channels,
        boolean autoRunRunbooks,
        Map<String, SloBinding> slos) {
    static final String PREFIX = "armature.incidents";
    static final String INVALID = "armature.incidents.invalid";
    private static final String OPEN_ON = PREFIX + ".open-on";
    private static final String SEVERITY = PREFIX + ".severity";
    private static final String PRIORITY = PREFIX + ".priority";
    private static final String STUCK = PREFIX + ".circuit-stuck-after";
    private static final String QUIET = PREFIX + ".auto-resolve-after-quiet";
    private static final String CHANNELS = PREFIX + ".channels";
    private static final String AUTO_RUN = PREFIX + ".runbooks.auto-run";
    private static final String SLOS = PREFIX + ".slos.";

    IncidentSettings {
        openOn = Set.copyOf(openOn);
        severities = Map.copyOf(severities);
        priorities = Map.copyOf(priorities);
        channels = List.copyOf(channels);
        slos = Map.copyOf(slos);
    }

    static IncidentSettings defaults() {
        return read(null);
    }

    Severity severity(SignalSource s) {
        return severities.getOrDefault(s, s.severity);
    }

    Priority priority(SignalSource s) {
        return priorities.getOrDefault(s, s.priority);
    }

    /** Returns the schema, owned by the plugin of the given id. */
    static ConfigSchema schema(String owner) {
        String sources = Arrays.stream(SignalSource.values())
                .filter(s -> s != SignalSource.MANUAL)
                .map(SignalSource::configName)
                .collect(Collectors.joining(", "));
        return ConfigSchema.builder(owner)
                .addPrefix(PREFIX)
                .add(property(
                        OPEN_ON,
                        ConfigType.listOf(ConfigType.STRING),
                        null,
                        "The signals that open incidents, of: " + sources + "; all of them when not set."))
                .add(property(
                        SEVERITY,
                        ConfigType.mapOf(ConfigType.STRING),
                        null,
                        "The severity (SEV1-SEV5) of each signal's incidents, such as alert-critical: SEV2."))
                .add(property(
                        PRIORITY,
                        ConfigType.mapOf(ConfigType.STRING),
                        null,
                        "The priority (P1-P5) of each signal's incidents, such as error-new: P3."))
                .add(property(
                        STUCK,
                        ConfigType.DURATION,
                        "2m",
                        "How long a guard's circuit stays open before it opens an incident."))
                .add(property(
                        QUIET,
                        ConfigType.DURATION,
                        "30m",
                        "How long an incident whose source no longer fails stays open with no new signal before"
                                + " the system resolves it; 0s for never."))
                .add(property(
                        CHANNELS,
                        ConfigType.listOf(ConfigType.STRING),
                        null,
                        "The notification channels told when an incident opens, changes state or resolves."))
                .add(property(
                        AUTO_RUN,
                        ConfigType.BOOLEAN,
                        "true",
                        "Whether the runbooks bound to a new incident's key start when it opens."))
                .add(property(
                        SLOS + "*.objective",
                        ConfigType.DOUBLE,
                        null,
                        "A service level objective, such as 0.999, that incidents with the key slo:<name> (or an"
                                + " alert labelled slo=<name>) are measured against in their reports."))
                .add(property(SLOS + "*.window", ConfigType.DURATION, "30d", "The objective's window, such as 30d."))
                .build();
    }

    private static ConfigProperty property(String key, ConfigType type, @Nullable String def, String description) {
        ConfigProperty.Builder p = ConfigProperty.builder(key, type).description(description);
        if (def != null) {
            p.defaultValue(def);
        }
        return p.build();
    }

    /** Reads the settings; {@code null} for the defaults. */
    static IncidentSettings read(@Nullable ConfigSnapshot c) {
        Set<SignalSource> openOn = EnumSet.allOf(SignalSource.class);
        Map<SignalSource, Severity> severities = new EnumMap<>(SignalSource.class);
        Map<SignalSource, Priority> priorities = new EnumMap<>(SignalSource.class);
        Duration stuck = Duration.ofMinutes(2);
        Duration quiet = Duration.ofMinutes(30);
        List<String> channels = List.of();
        boolean autoRun = true;
        Map<String, SloBinding> slos = new java.util.TreeMap<>();
        if (c != null) {
            List<String> names = c.getList(OPEN_ON, String.class);
            if (!names.isEmpty()) {
                openOn = EnumSet.of(SignalSource.MANUAL);
                for (String n : names) {
                    openOn.add(source(n, OPEN_ON));
                }
            }
            c.getMap(SEVERITY, String.class).forEach((k, v) -> {
                String key = SEVERITY + "." + k;
                try {
                    severities.put(source(k, key), Severity.parse(v));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(INVALID, key + ": " + e.getMessage(), key, e);
                }
            });
            c.getMap(PRIORITY, String.class).forEach((k, v) -> {
                String key = PRIORITY + "." + k;
                try {
                    priorities.put(source(k, key), Priority.parse(v));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(INVALID, key + ": " + e.getMessage(), key, e);
                }
            });
            stuck = nonNegative(c, STUCK, stuck);
            quiet = nonNegative(c, QUIET, quiet);
            channels = c.getList(CHANNELS, String.class);
            autoRun = c.getOptional(AUTO_RUN, Boolean.class).orElse(true);
            for (String key : c.keys()) {
                if (key.startsWith(SLOS) && key.endsWith(".objective")) {
                    String name = key.substring(SLOS.length(), key.length() - ".objective".length());
                    Duration window = c.getOptional(SLOS + name + ".window", Duration.class)
                            .orElse(Duration.ofDays(30));
                    try {
                        slos.put(name, new SloBinding(name, c.get(key, Double.class), window));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(INVALID, key + ": " + e.getMessage(), key, e);
                    }
                }
            }
        }
        return new IncidentSettings(openOn, severities, priorities, stuck, quiet, channels, autoRun, slos);
    }

    private static SignalSource source(String name, String key) {
        for (SignalSource s : SignalSource.values()) {
            if (s != SignalSource.MANUAL && s.configName().equals(name.trim())) {
                return s;
            }
        }
        String known = Arrays.stream(SignalSource.values())
                .filter(s -> s != SignalSource.MANUAL)
                .map(SignalSource::configName)
                .collect(Collectors.joining(", "));
        throw new ConfigException(
                INVALID, key + ": '" + name + "' is not a signal of incidents; write one of " + known, key, null);
    }

    private static Duration nonNegative(ConfigSnapshot c, String key, Duration def) {
        Duration v = c.getOptional(key, Duration.class).orElse(def);
        if (v.isNegative()) {
            throw new ConfigException(INVALID, key + " must not be negative, was " + v, key, null);
        }
        return v;
    }
}
