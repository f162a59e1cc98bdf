package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.core.docs.plugin.LifecycleLogPlugin;
import dev.armature.core.functional.TestComponent;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the example plugin of docs/plugins.md through ServiceLoader, from a real
 * META-INF/services file, and checks that the guide shows the plugin's code verbatim.
 */
class PluginGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/plugins.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/plugin/LifecycleLogPlugin.java");

    @Test
    void the_example_plugin_is_discovered_and_logs_every_state_change(@TempDir Path dir) throws Exception {
        URL services = Objects.requireNonNull(getClass().getResource("/plugin-fixtures/guide/"));
        try (URLClassLoader pluginJar =
                        new URLClassLoader(new URL[] {services}, getClass().getClassLoader());
                AgentSystem system = AgentSystem.builder()
                        .classLoader(pluginJar)
                        .extension(new LifecycleLogPlugin.LogDirectory(dir))
                        .component(new TestComponent(ComponentDescriptor.of("workspace")))
                        .build()) {
            system.start();
            assertThat(system.snapshot()
                            .component("lifecycle-log")
                            .orElseThrow()
                            .state())
                    .isEqualTo(ComponentState.RUNNING);
            assertThat(system.stop().isClean()).isTrue();
        }
        // stop() returns after the listeners have had every event.
        assertThat(Files.readAllLines(dir.resolve("lifecycle.log"), StandardCharsets.UTF_8))
                .contains(
                        "workspace NEW -> STARTING", "workspace STARTING -> RUNNING", "workspace STOPPING -> STOPPED");
    }

    @Test
    void the_guide_shows_the_plugin_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}
