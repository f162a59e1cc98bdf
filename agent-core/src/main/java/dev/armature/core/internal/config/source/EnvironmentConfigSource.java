package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Internal: environment variables as configuration.
 *
 * <p>Only variables that start with {@code ARMATURE_} or with the host's prefix (such as {@code
 * AGENT_}) are read; the others are ignored. A name becomes a key thus:
 *
 * <ul>
 *   <li>it is lower-cased, and a single {@code _} becomes {@code .}: {@code ARMATURE_MODEL_TIMEOUT}
 *       sets {@code armature.model.timeout}, and {@code AGENT_MODEL_TIMEOUT} with prefix {@code
 *       AGENT_} sets {@code agent.model.timeout};
 *   <li>a double {@code __} becomes {@code -}: {@code ARMATURE_COMPONENTS_DB__POOL_START__TIMEOUT}
 *       sets {@code armature.components.db-pool.start-timeout};
 *   <li>a segment of digits alone (without leading zeros) is a list index: {@code
 *       ARMATURE_MODELS_0_NAME} sets {@code armature.models[0].name}.
 * </ul>
 *
 * <p>Names must be upper-case letters and digits in segments joined by {@code _} or {@code __};
 * anything else ({@code ___}, a trailing {@code _}, lower case) is ignored. So keys that hold
 * upper case or {@code _} cannot be set from the environment; {@link #variableFor} says which keys
 * can. Each value's location is the variable's name.
 *
 * <p>Immutable and thread-safe: the environment is copied when the source is made.
 */
public final class EnvironmentConfigSource implements ConfigSource {
    /** The name of this source, as origins show it. */
    public static final String NAME = "environment";

    /** The prefix of Armature's own variables. */
    public static final String ARMATURE_PREFIX = "ARMATURE_";

    private static final Pattern VARIABLE = Pattern.compile("[A-Z0-9]+(__?[A-Z0-9]+)*");
    private static final Pattern PREFIX = Pattern.compile("([A-Z0-9]+__?)*");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern NAME_SEGMENT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<String, SourceValue> values;

    /**
     * Creates the source from a snapshot of the environment.
     *
     * @param environment the variables, such as {@link System#getenv()}
     * @param hostPrefix the prefix of the host's own variables, such as {@code AGENT_}, or empty for
     *     none; a missing trailing {@code _} is added
     * @throws IllegalArgumentException if the prefix is not upper-case letters and digits in segments
     *     joined by {@code _}
     */
    public EnvironmentConfigSource(Map<String, String> environment, String hostPrefix) {
        String host = normalizePrefix(hostPrefix);
        Map<String, SourceValue> taken = new TreeMap<>();
        environment.forEach((variable, value) -> {
            requireNonNull(variable, "variable");
            requireNonNull(value, "value");
            keyFor(variable, host).ifPresent(key -> taken.put(key, SourceValue.at(value, variable)));
        });
        this.values = Collections.unmodifiableMap(taken);
    }

    /**
     * Returns the key a variable sets.
     *
     * @param variable the variable's name, such as {@code ARMATURE_MODEL_TIMEOUT}
     * @param hostPrefix the host's prefix, or empty
     * @return the key, or empty if this source ignores the variable
     * @throws IllegalArgumentException if the prefix is not valid
     */
    public static Optional<String> keyFor(String variable, String hostPrefix) {
        return keyForNormalized(variable, normalizePrefix(hostPrefix));
    }

    /**
     * Returns the variable that sets a key, for documentation and explanations.
     *
     * @param key the key, such as {@code armature.components.db-pool.start-timeout}
     * @param hostPrefix the host's prefix, or empty
     * @return the variable, such as {@code ARMATURE_COMPONENTS_DB__POOL_START__TIMEOUT}, or empty if
     *     no variable can set the key (it is outside {@code armature.} and the host's prefix, or holds
     *     characters the mapping cannot express)
     * @throws IllegalArgumentException if the prefix is not valid
     */
    public static Optional<String> variableFor(String key, String hostPrefix) {
        String host = normalizePrefix(hostPrefix);
        StringBuilder variable = new StringBuilder();
        java.util.List<Object> path;
        try {
            path = FlatTree.parseKey(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Object step : path) {
            if (variable.length() > 0) {
                variable.append('_');
            }
            if (step instanceof String name) {
                if (!NAME_SEGMENT.matcher(name).matches() || INDEX.matcher(name).matches()) {
                    return Optional.empty();
                }
                variable.append(name.replace("-", "__").toUpperCase(Locale.ROOT));
            } else {
                if (variable.length() == 0) {
                    return Optional.empty();
                }
                variable.append(step);
            }
        }
        String v = variable.toString();
        return keyForNormalized(v, host).filter(key::equals).map(k -> v);
    }

    private static Optional<String> keyForNormalized(String variable, String host) {
        if (!startsASegment(variable, ARMATURE_PREFIX) && !startsASegment(variable, host)) {
            return Optional.empty();
        }
        if (!VARIABLE.matcher(variable).matches()) {
            return Optional.empty();
        }
        // With "___" excluded, every "__" is a hyphen inside a segment and every other "_" a dot.
        String[] segments = variable.replace("__", "-").split("_", -1);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i > 0 && INDEX.matcher(segment).matches()) {
                key.append('[').append(segment).append(']');
            } else {
                key.append(i == 0 ? "" : ".").append(segment.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(key.toString());
    }

    /** Returns whether a variable starts with a prefix followed by a segment, not by "_". */
    private static boolean startsASegment(String variable, String prefix) {
        return !prefix.isEmpty()
                && variable.length() > prefix.length()
                && variable.startsWith(prefix)
                && variable.charAt(prefix.length()) != '_';
    }

    private static String normalizePrefix(String hostPrefix) {
        requireNonNull(hostPrefix, "hostPrefix");
        if (hostPrefix.isEmpty()) {
            return "";
        }
        String p = hostPrefix.endsWith("_") ? hostPrefix : hostPrefix + "_";
        if (!PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("environment prefix '" + hostPrefix
                    + "' must be upper-case letters and digits in segments joined by '_', such as AGENT_");
        }
        return p;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int ordinal() {
        return ENVIRONMENT_ORDINAL;
    }

    @Override
    public Map<String, SourceValue> read() {
        return values;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
