package dev.armature.core.internal.incident.escalation;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigValidator;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.EscalationPolicyException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Internal: the escalation policies as configuration gives them, read from the keys {@link
 * EscalationSchema} declares. Immutable.
 *
 * @param policies the policies by name, in name order
 * @param defaultPolicyName the name of the default policy, which is one of {@code policies}, if set
 */
public record EscalationConfig(Map<String, EscalationPolicy> policies, Optional<String> defaultPolicyName) {
    /** The code of a policy that configuration gives but that makes no sense. */
    public static final String INVALID_CODE = "armature.config.invalid";

    /** Copies the map and checks that the default names a policy. */
    public EscalationConfig {
        policies = Collections.unmodifiableMap(new TreeMap<>(policies));
        requireNonNull(defaultPolicyName, "defaultPolicyName");
        if (defaultPolicyName.isPresent() && !policies.containsKey(defaultPolicyName.get())) {
            throw new IllegalArgumentException(
                    "default policy " + defaultPolicyName.get() + " is not one of " + policies.keySet());
        }
    }

    /**
     * Reads the policies and the default from a snapshot.
     *
     * @throws ConfigException with code {@value #INVALID_CODE} naming the key, when a step is not a
     *     step, a policy makes no sense, a key under a policy is not its steps, or the default names no
     *     policy (the message lists the known names)
     */
    public static EscalationConfig read(ConfigSnapshot snapshot) {
        Map<String, EscalationPolicy> policies = new TreeMap<>();
        for (String name : policyNames(snapshot)) {
            String key = EscalationSchema.POLICIES + name + "." + EscalationSchema.STEPS;
            List<String> lines = snapshot.getList(key, String.class);
            try {
                policies.put(name, EscalationPolicy.parse(name, lines));
            } catch (EscalationPolicyException e) {
                throw new ConfigException(INVALID_CODE, key + origin(snapshot, key) + ": " + e.getMessage(), key, e);
            }
        }
        Optional<String> defaultName = snapshot.getOptional(EscalationSchema.DEFAULT_POLICY, String.class)
                .map(String::strip)
                .filter(n -> !n.isEmpty());
        if (defaultName.isPresent() && !policies.containsKey(defaultName.get())) {
            String key = EscalationSchema.DEFAULT_POLICY;
            throw new ConfigException(
                    INVALID_CODE,
                    key + origin(snapshot, key) + " names the escalation policy '" + defaultName.get()
                            + "', which is not configured; name one of " + policies.keySet() + " or define it under "
                            + EscalationSchema.POLICIES + defaultName.get() + "." + EscalationSchema.STEPS,
                    key,
                    null);
        }
        return new EscalationConfig(policies, defaultName);
    }

    /** Returns the default policy, if configuration names one. */
    public Optional<EscalationPolicy> defaultPolicy() {
        return defaultPolicyName.map(policies::get);
    }

    /** Returns the policy of a name. */
    public Optional<EscalationPolicy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /**
     * Returns a validator that vetoes a configuration change whose escalation policies {@link #read}
     * refuses, so that a bad policy never replaces a good one while the system runs.
     */
    public static ConfigValidator validator() {
        return proposed -> {
            try {
                var unused = read(proposed);
                return List.of();
            } catch (ConfigException e) {
                String key = e.key().orElse(EscalationSchema.PREFIX);
                String message = String.valueOf(e.getMessage());
                return List.of(proposed.origin(key)
                        .map(origin -> ConfigViolation.of(key, message, origin))
                        .orElseGet(() -> ConfigViolation.missing(key, message)));
            }
        };
    }

    /** The names of the policies that have keys: the segment after {@code policies.}. */
    private static TreeSet<String> policyNames(ConfigSnapshot snapshot) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : snapshot.keys()) {
            if (!key.startsWith(EscalationSchema.POLICIES)) {
                continue;
            }
            String rest = key.substring(EscalationSchema.POLICIES.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String tail = dot < 0 ? "" : rest.substring(dot + 1);
            if (!tail.equals(EscalationSchema.STEPS) && !tail.startsWith(EscalationSchema.STEPS + "[")) {
                throw new ConfigException(
                        INVALID_CODE,
                        key + origin(snapshot, key) + " is not an escalation policy's key; a policy has only "
                                + EscalationSchema.POLICIES + "<name>." + EscalationSchema.STEPS
                                + ", a list of steps such as 'notify pager' and 'wait 5m'",
                        key,
                        null);
            }
            names.add(name);
        }
        return names;
    }

    private static String origin(ConfigSnapshot snapshot, String key) {
        return snapshot.origin(key)
                .or(() -> snapshot.origin(key + "[0]")) // a list written as indexed keys
                .map(o -> " (" + o + ")")
                .orElse("");
    }
}
