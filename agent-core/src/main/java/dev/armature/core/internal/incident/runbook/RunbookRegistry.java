package dev.armature.core.internal.incident.runbook;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.RunbookException;
import dev.armature.spi.incident.Runbook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: the runbooks of one system, the host's (given through {@code RunbooksExtension}) and the
 * plugins' (contributed as {@code Runbook.class}), by name. Immutable and thread-safe.
 */
public final class RunbookRegistry {
    private final Map<String, Runbook> byName;

    private RunbookRegistry(Map<String, Runbook> byName) {
        this.byName = byName;
    }

    /**
     * Returns the registry of the host's and the plugins' runbooks, the host's first.
     *
     * @param host the host's runbooks
     * @param contributed the plugins' runbooks, in contribution order
     * @return the registry
     * @throws RunbookException of kind DUPLICATE if two runbooks share a name
     */
    public static RunbookRegistry of(List<Runbook> host, List<Runbook> contributed) {
        Map<String, Runbook> byName = new LinkedHashMap<>();
        add(byName, host, "the host (RunbooksExtension)");
        add(byName, contributed, "a plugin (contribute(Runbook.class, ...))");
        return new RunbookRegistry(byName);
    }

    private static void add(Map<String, Runbook> byName, List<Runbook> runbooks, String from) {
        for (Runbook r : runbooks) {
            requireNonNull(r, "runbook");
            Runbook before = byName.putIfAbsent(r.name(), r);
            if (before != null) {
                throw new RunbookException(
                        RunbookException.Kind.DUPLICATE,
                        r.name(),
                        "two runbooks are named " + r.name() + "; the second came from " + from
                                + ". Rename one of them: a runbook's name is how approvals and timelines find it");
            }
        }
    }

    /**
     * Returns every runbook, the host's first, then the plugins' in contribution order.
     *
     * @return an unmodifiable list
     */
    public List<Runbook> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Returns a runbook by name.
     *
     * @param name the name
     * @return the runbook, or empty
     */
    public Optional<Runbook> find(String name) {
        return Optional.ofNullable(byName.get(requireNonNull(name, "name")));
    }

    /**
     * Returns a runbook by name, or fails naming the ones there are.
     *
     * @param name the name
     * @return the runbook
     * @throws RunbookException of kind UNKNOWN if no runbook has the name
     */
    public Runbook require(String name) {
        return find(name)
                .orElseThrow(() -> new RunbookException(
                        RunbookException.Kind.UNKNOWN,
                        name,
                        "no runbook is named " + name + "; the system has " + byName.keySet()));
    }

    /**
     * Returns the runbooks bound to an incident's key, by kind and name, in registry order.
     *
     * @param key the incident's key
     * @return an unmodifiable list, possibly empty
     */
    public List<Runbook> boundTo(IncidentKey key) {
        requireNonNull(key, "key");
        return byName.values().stream().filter(r -> r.answers(key)).toList();
    }
}
