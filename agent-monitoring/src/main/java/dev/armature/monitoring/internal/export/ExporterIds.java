package dev.armature.monitoring.internal.export;

import dev.armature.spi.PluginException;
import dev.armature.spi.monitoring.MetricsExporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Internal: checks the exporters' ids, which name threads and tag meters. */
final class ExporterIds {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9.-]*");

    private ExporterIds() {}

    /**
     * Returns the exporters if each id is well-formed and unique.
     *
     * @throws PluginException naming the exporter's class, for a malformed or repeated id
     */
    static List<MetricsExporter> check(List<MetricsExporter> exporters) {
        Map<String, MetricsExporter> seen = new HashMap<>();
        for (MetricsExporter exporter : exporters) {
            String id = exporter.id();
            String type = exporter.getClass().getName();
            if (id == null || !ID.matcher(id).matches()) {
                throw new PluginException(
                        PluginException.Kind.CONTRIBUTION_FAILED,
                        type,
                        "the metrics exporter " + type + " has the id '" + id + "'; an exporter's id must be"
                                + " lower-case letters, digits, '.' and '-', starting with a letter",
                        null);
            }
            MetricsExporter previous = seen.putIfAbsent(id, exporter);
            if (previous != null) {
                throw new PluginException(
                        PluginException.Kind.CONTRIBUTION_FAILED,
                        type,
                        "two metrics exporters have the id '" + id + "': "
                                + previous.getClass().getName() + " and " + type
                                + "; give one another id, or disable the built-in exporter of that name",
                        null);
            }
        }
        return List.copyOf(exporters);
    }
}
