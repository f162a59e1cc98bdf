package dev.armature.monitoring.internal.export;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Internal: the built-in exporter {@value #ID}, which writes each snapshot as one compact table —
 * a title line, a header and one row per meter with its name, tags, type, unit and values — to a
 * sink: the host's stream or a logger. Only the worker thread calls it.
 */
final class ConsoleExporter implements MetricsExporter {
    static final String ID = "console";

    private static final String[] HEADER = {"NAME", "TAGS", "TYPE", "UNIT", "VALUES"};
    /** A name or tag column wider than this is cut, so that one long meter does not push every row aside. */
    static final int MAX_COLUMN = 60;

    private final Consumer<String> sink;
    private final List<String> include;
    private final Set<String> hideTags;

    /**
     * Creates the exporter.
     *
     * @param sink receives each table as one string, lines separated by {@code \n}, no trailing newline
     * @param include name prefixes of the meters shown; all when empty
     * @param hideTags tags left out, such as the common {@code application} and {@code instance}
     */
    ConsoleExporter(Consumer<String> sink, List<String> include, List<String> hideTags) {
        this.sink = requireNonNull(sink, "sink");
        this.include = List.copyOf(include);
        this.hideTags = Set.copyOf(hideTags);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        sink.accept(table(snapshot));
    }

    /** Returns the table of a snapshot. */
    String table(MetricsSnapshot snapshot) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (MeterSnapshot m : snapshot.meters()) {
            if (included(m.name())) {
                rows.add(new String[] {
                    cut(m.name()),
                    cut(tags(m.tags())),
                    m.type().name().toLowerCase(Locale.ROOT),
                    m.baseUnit(),
                    values(m)
                });
            }
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("metrics at ").append(snapshot.timestamp()).append(" (").append(rows.size() - 1);
        out.append(rows.size() == 2 ? " meter)" : " meters)");
        for (String[] row : rows) {
            out.append('\n');
            int start = out.length();
            for (int i = 0; i < row.length; i++) {
                out.append(row[i]);
                if (i < row.length - 1) {
                    out.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            // An empty last column leaves padding behind; trim it so no line ends in blanks.
            int end = out.length();
            while (end > start && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
        }
        return out.toString();
    }

    private boolean included(String name) {
        if (include.isEmpty()) {
            return true;
        }
        for (String prefix : include) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private String tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .filter(e -> !hideTags.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String values(MeterSnapshot m) {
        return m.measurements().stream()
                .map(x -> x.statistic().name().toLowerCase(Locale.ROOT) + "=" + number(x.value()))
                .collect(Collectors.joining(" "));
    }

    private static String cut(String text) {
        return text.length() <= MAX_COLUMN ? text : text.substring(0, MAX_COLUMN - 1) + "…";
    }

    /**
     * Formats a number compactly: whole numbers without a fraction, others to three decimals with
     * trailing zeros dropped, tiny ones in scientific notation.
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return BigDecimal.valueOf(value)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
