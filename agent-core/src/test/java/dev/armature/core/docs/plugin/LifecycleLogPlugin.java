package dev.armature.core.docs.plugin;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.SystemExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

// tag::example[]
/**
 * Writes every component's state changes to {@code lifecycle.log} in the directory the host gives
 * through a {@link LogDirectory} extension. Found by ServiceLoader through the file
 * META-INF/services/dev.armature.spi.Plugin, which names this class.
 */
public final class LifecycleLogPlugin implements Plugin {
    /** The host's choice of directory, passed with {@code builder.extension(new LogDirectory(dir))}. */
    public record LogDirectory(Path path) implements SystemExtension {}

    @Override
    public String id() {
        return "lifecycle-log";
    }

    @Override
    public String supportedApiVersions() {
        return "[0.1,0.2)"; // built against API 0.1
    }

    @Override
    public void contribute(PluginContext context) {
        Path dir = context.extension(LogDirectory.class)
                .map(LogDirectory::path)
                .orElseThrow(() -> new IllegalStateException("add builder.extension(new LogDirectory(dir))"));
        LifecycleLog log = new LifecycleLog(dir.resolve("lifecycle.log"));
        context.addComponent(log);
        // Subscribed before the system starts, so the log sees every change from the first.
        context.addListener(
                ComponentEvent.StateChanged.class, SubscribeOptions.defaults(), e -> log.append(e.payload()));
    }

    /** The component that owns the file: created on start, closed for good on stop. */
    static final class LifecycleLog implements Component {
        private final Path file;

        LifecycleLog(Path file) {
            this.file = file;
        }

        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.builder("lifecycle-log").optional(true).build();
        }

        @Override
        public void start(ComponentContext context) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        @Override
        public void stop() {}

        void append(ComponentEvent.StateChanged change) {
            String line = change.component() + " " + change.from() + " -> " + change.to() + "\n";
            try {
                Files.writeString(
                        file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // counted and logged by the bus
            }
        }
    }
}
// end::example[]
