package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.api.SystemState;
import dev.armature.core.functional.plugins.DuplicateIdPlugins;
import dev.armature.core.functional.plugins.WorkspacePlugin;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.PluginException;
import dev.armature.spi.SystemExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PluginTest {
    /** A class loader that sees one fixture directory's META-INF/services beside the test classes. */
    private static URLClassLoader fixture(String name) throws Exception {
        URL dir = Objects.requireNonNull(PluginTest.class.getResource("/plugin-fixtures/" + name + "/"), name);
        return new URLClassLoader(new URL[] {Path.of(dir.toURI()).toUri().toURL()}, PluginTest.class.getClassLoader());
    }

    /** A plugin given on the builder, with everything a test needs to vary. */
    private static Plugin plugin(String id, int order, String range, ThrowingContribution contribution) {
        return new Plugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public String supportedApiVersions() {
                return range;
            }

            @Override
            public void contribute(PluginContext context) throws Exception {
                contribution.contribute(context);
            }
        };
    }

    @FunctionalInterface
    private interface ThrowingContribution {
        void contribute(PluginContext context) throws Exception;
    }

    @Test
    void a_plugin_listed_in_meta_inf_services_contributes_a_component_and_a_listener() throws Exception {
        WorkspacePlugin.SEEN.clear();
        try (URLClassLoader loader = fixture("discovered");
                AgentSystem system = AgentSystem.builder().classLoader(loader).build()) {
            system.start();
            assertThat(system.snapshot().component("plugin-workspace"))
                    .hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(ComponentState.RUNNING));
            system.stop();
        }
        // Delivery ends before stop() returns, so the listener has seen the whole life.
        assertThat(WorkspacePlugin.SEEN)
                .extracting(e -> e.to())
                .containsSubsequence(ComponentState.STARTING, ComponentState.RUNNING, ComponentState.STOPPED);
    }

    @Test
    void discovery_can_be_switched_off_and_a_plugin_disabled_by_id() throws Exception {
        try (URLClassLoader loader = fixture("discovered")) {
            try (AgentSystem system = AgentSystem.builder()
                    .classLoader(loader)
                    .pluginDiscovery(false)
                    .build()) {
                assertThat(system.snapshot().component("plugin-workspace")).isEmpty();
            }
            try (AgentSystem system = AgentSystem.builder()
                    .classLoader(loader)
                    .disablePlugin("workspace-plugin")
                    .build()) {
                assertThat(system.snapshot().component("plugin-workspace")).isEmpty();
            }
        }
    }

    @Test
    void two_plugins_with_one_id_are_refused_naming_both_classes_and_their_locations() throws Exception {
        try (URLClassLoader loader = fixture("duplicate")) {
            assertThatThrownBy(() -> AgentSystem.builder().classLoader(loader).build())
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PluginException.Kind.INVALID_ID);
                        assertThat(e.pluginId()).isEqualTo("same-id");
                        assertThat(e.code()).isEqualTo("armature.plugin.invalid_id");
                    })
                    .hasMessageContaining(DuplicateIdPlugins.First.class.getName())
                    .hasMessageContaining(DuplicateIdPlugins.Second.class.getName())
                    .hasMessageContaining("test-classes");
        }
    }

    @Test
    void a_listed_class_that_does_not_exist_is_a_load_failure() throws Exception {
        try (URLClassLoader loader = fixture("missing")) {
            assertThatThrownBy(() -> AgentSystem.builder().classLoader(loader).build())
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.kind())
                            .isEqualTo(PluginException.Kind.LOAD_FAILED))
                    .hasMessageContaining("NoSuchPlugin");
        }
    }

    @Test
    void a_plugin_for_another_api_version_is_refused_naming_both_versions() {
        Plugin future = plugin("future", 0, "[1.0,2.0)", c -> {});
        assertThatThrownBy(() -> AgentSystem.builder().plugin(future).build())
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.kind())
                        .isEqualTo(PluginException.Kind.VERSION_MISMATCH))
                .hasMessageContaining("[1.0,2.0)")
                .hasMessageContaining("API 0.1")
                .hasMessageContaining("'future'");
    }

    @Test
    void a_malformed_range_is_refused_with_the_plugin_id() {
        Plugin odd = plugin("odd", 0, "[0.1,", c -> {});
        assertThatThrownBy(() -> AgentSystem.builder().plugin(odd).build())
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'odd'")
                .hasMessageContaining("[0.1,");
    }

    @Test
    void a_plugin_that_throws_while_contributing_fails_the_build_with_its_id() {
        Plugin broken = plugin("broken", 0, "[0.1,0.2)", c -> {
            throw new IllegalStateException("no model configured");
        });
        assertThatThrownBy(() -> AgentSystem.builder().plugin(broken).build())
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PluginException.Kind.CONTRIBUTION_FAILED);
                    assertThat(e.pluginId()).isEqualTo("broken");
                })
                .hasMessageContaining("'broken'")
                .hasMessageContaining("no model configured")
                .hasMessageContaining("disablePlugin(\"broken\")");
    }

    @Test
    void a_disabled_plugin_is_never_asked_to_contribute() {
        AtomicReference<@Nullable String> called = new AtomicReference<>();
        Plugin p = plugin("quiet", 0, "[0.1]", c -> called.set(c.pluginId()));
        try (AgentSystem system =
                AgentSystem.builder().plugin(p).disablePlugin("quiet").build()) {
            assertThat(system.state()).isEqualTo(SystemState.NEW); // built, not started
            assertThat(called.get()).isNull();
        }
    }

    @Test
    void plugins_contribute_in_order_then_id_order() {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (AgentSystem system = AgentSystem.builder()
                .plugin(plugin("zeta", 0, "0.1", c -> calls.add(c.pluginId())))
                .plugin(plugin("late", 10, "0.1", c -> calls.add(c.pluginId())))
                .plugin(plugin("alpha", 0, "0.1", c -> calls.add(c.pluginId())))
                .plugin(plugin("early", -5, "0.1", c -> calls.add(c.pluginId())))
                .build()) {
            assertThat(system.state()).isEqualTo(SystemState.NEW); // built, not started
            assertThat(calls).containsExactly("early", "alpha", "zeta", "late");
        }
    }

    record ModelName(String name) implements SystemExtension {}

    @Test
    void a_plugin_reads_the_hosts_extensions() {
        AtomicReference<@Nullable String> seen = new AtomicReference<>();
        Plugin reader =
                plugin("reader", 0, "[0.1,)", c -> c.extension(ModelName.class).ifPresent(m -> seen.set(m.name())));
        try (AgentSystem system = AgentSystem.builder()
                .extension(new ModelName("claude"))
                .plugin(reader)
                .build()) {
            assertThat(system.state()).isEqualTo(SystemState.NEW); // built, not started
            assertThat(seen.get()).isEqualTo("claude");
        }
        assertThatThrownBy(() ->
                        AgentSystem.builder().extension(new ModelName("a")).extension(new ModelName("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ModelName.class.getName());
    }

    @Test
    void contributions_are_checked_and_only_accepted_during_contribute() {
        Plugin notSpi = plugin("not-spi", 0, "[0.1,)", c -> c.contribute(Runnable.class, () -> {}));
        assertThatThrownBy(() -> AgentSystem.builder().plugin(notSpi).build())
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("java.lang.Runnable");

        AtomicReference<@Nullable PluginContext> kept = new AtomicReference<>();
        try (AgentSystem system = AgentSystem.builder()
                .plugin(plugin("keeper", 0, "[0.1,)", kept::set))
                .build()) {
            assertThat(system.state()).isEqualTo(SystemState.NEW); // built, not started
            PluginContext late = Objects.requireNonNull(kept.get());
            assertThatThrownBy(() -> late.addComponent(new TestComponent(ComponentDescriptor.of("late"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("keeper");
        }
    }

    @Test
    void bad_ids_are_refused() {
        assertThatThrownBy(() -> AgentSystem.builder()
                        .plugin(plugin("Bad Id", 0, "0.1", c -> {}))
                        .build())
                .isInstanceOfSatisfying(
                        PluginException.class, e -> assertThat(e.kind()).isEqualTo(PluginException.Kind.INVALID_ID))
                .hasMessageContaining("Bad Id");
    }

    /** A component that looks up a service and the instances contributed for an SPI when it starts. */
    private static final class Looker implements dev.armature.api.Component {
        final AtomicReference<@Nullable Object> registry = new AtomicReference<>();
        final List<Object> sources = new CopyOnWriteArrayList<>();

        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.of("looker");
        }

        @Override
        public void start(dev.armature.api.ComponentContext context) {
            registry.set(context.service(io.micrometer.core.instrument.MeterRegistry.class));
            sources.addAll(context.contributions(dev.armature.spi.config.ConfigSource.class));
        }

        @Override
        public void stop() {}
    }

    @Test
    void a_plugin_provides_a_service_and_components_find_services_and_contributions() {
        dev.armature.api.monitoring.Alerts alerts = List::of;
        dev.armature.spi.config.ConfigSource source = new dev.armature.spi.config.ConfigSource() {
            @Override
            public String name() {
                return "plugin-values";
            }

            @Override
            public java.util.Map<String, dev.armature.spi.config.SourceValue> read() {
                return java.util.Map.of();
            }
        };
        Looker looker = new Looker();
        try (AgentSystem system = AgentSystem.builder()
                .pluginDiscovery(false)
                .environment(java.util.Map.of())
                .systemProperties(java.util.Map.of())
                .plugin(plugin("alerts", 0, "[0.1,1)", c -> {
                    c.addService(dev.armature.api.monitoring.Alerts.class, alerts);
                    c.contribute(dev.armature.spi.config.ConfigSource.class, source);
                    c.addComponent(looker);
                }))
                .build()) {
            assertThat(system.service(dev.armature.api.monitoring.Alerts.class)).isSameAs(alerts);
            system.start();
            assertThat(looker.registry.get())
                    .isSameAs(system.service(io.micrometer.core.instrument.MeterRegistry.class));
            assertThat(looker.sources).containsExactly(source);
        }
    }

    @Test
    void a_service_is_an_api_interface_provided_by_one_plugin() {
        assertThatThrownBy(() -> AgentSystem.builder()
                        .pluginDiscovery(false)
                        .plugin(plugin("odd", 0, "[0.1,1)", c -> c.addService(Runnable.class, () -> {})))
                        .build())
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("services are interfaces of dev.armature.api packages");
        dev.armature.api.monitoring.Alerts alerts = List::of;
        assertThatThrownBy(() -> AgentSystem.builder()
                        .pluginDiscovery(false)
                        .plugin(plugin(
                                "one",
                                0,
                                "[0.1,1)",
                                c -> c.addService(dev.armature.api.monitoring.Alerts.class, alerts)))
                        .plugin(plugin(
                                "two",
                                1,
                                "[0.1,1)",
                                c -> c.addService(dev.armature.api.monitoring.Alerts.class, alerts)))
                        .build())
                .isInstanceOfSatisfying(
                        PluginException.class, e -> assertThat(e.pluginId()).isEqualTo("two"))
                .hasMessageContaining("Plugins 'one' and 'two' both provide dev.armature.api.monitoring.Alerts");
    }
}
