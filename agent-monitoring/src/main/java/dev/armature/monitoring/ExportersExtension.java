package dev.armature.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.SystemExtension;
import java.io.PrintStream;

/**
 * Where the built-in console exporter writes its table, passed on the builder. Without it the
 * table goes to the SLF4J logger {@code armature.exporters.console} at INFO. The exporter itself
 * is switched on by {@code armature.exporters.console.enabled}.
 *
 * <pre>{@code
 * AgentSystem system = AgentSystem.builder()
 *         .extension(ExportersExtension.console(System.out))
 *         .systemProperties(Map.of("armature.exporters.console.enabled", "true"))
 *         .build();
 * }</pre>
 *
 * @param consoleStream the stream each table is printed to, one {@code println} per table
 * @since 0.1
 */
public record ExportersExtension(PrintStream consoleStream) implements SystemExtension {
    /**
     * Checks the stream.
     *
     * @param consoleStream the stream
     */
    public ExportersExtension {
        requireNonNull(consoleStream, "consoleStream");
    }

    /**
     * Returns an extension that prints the console table to a stream.
     *
     * @param stream the stream, such as {@code System.out}
     * @return the extension
     */
    public static ExportersExtension console(PrintStream stream) {
        return new ExportersExtension(stream);
    }
}
