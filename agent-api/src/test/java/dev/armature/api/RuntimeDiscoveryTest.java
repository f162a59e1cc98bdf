package dev.armature.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.spi.RuntimeProvider;
import dev.armature.spi.SystemSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RuntimeDiscoveryTest {
    @Test
    void without_a_runtime_on_the_class_path_build_names_agent_core() {
        // agent-api's own test class path has no runtime.
        assertThatThrownBy(() -> AgentSystem.builder().build())
                .isInstanceOf(ArmatureException.class)
                .hasMessageContaining("dev.armature:agent-core")
                .extracting(e -> ((ArmatureException) e).code())
                .isEqualTo("armature.runtime.missing");
    }

    @Test
    void two_runtimes_on_the_class_path_are_refused_naming_both() {
        ClassLoader loader = servicesLoader(FirstRuntime.class.getName() + "\n" + SecondRuntime.class.getName() + "\n");
        assertThatThrownBy(() -> AgentSystem.builder().classLoader(loader).build())
                .isInstanceOf(ArmatureException.class)
                .hasMessageContaining(FirstRuntime.class.getName())
                .hasMessageContaining(SecondRuntime.class.getName());
    }

    @Test
    void the_one_runtime_receives_the_builders_settings() {
        ClassLoader loader = servicesLoader(FirstRuntime.class.getName());
        FirstRuntime.lastSpec = null;
        var unused = AgentSystem.builder()
                .name("host")
                .workerPoolSize(3)
                .classLoader(loader)
                .build();
        SystemSpec spec = FirstRuntime.lastSpec;
        assertThat(spec).isNotNull();
        assertThat(spec.name()).isEqualTo("host");
        assertThat(spec.workerPoolSize()).isEqualTo(3);
        assertThat(spec.phaseTimeouts()).containsOnlyKeys(ShutdownPhase.values());
    }

    @Test
    void a_builder_builds_once() {
        ClassLoader loader = servicesLoader(FirstRuntime.class.getName());
        AgentSystem.Builder builder = AgentSystem.builder().classLoader(loader);
        var unused = builder.build();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalLifecycleException.class);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void builder_arguments_are_checked_at_once() {
        AgentSystem.Builder builder = AgentSystem.builder();
        assertThatThrownBy(() -> builder.name(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.workerPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.healthCheckInterval(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.component(null)).isInstanceOf(NullPointerException.class);
    }

    /** A class loader that answers for the RuntimeProvider service file with the given text. */
    private static ClassLoader servicesLoader(String servicesFile) {
        String name = "META-INF/services/" + RuntimeProvider.class.getName();
        return new ClassLoader(RuntimeDiscoveryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String resource) throws IOException {
                if (!resource.equals(name)) {
                    return super.getResources(resource);
                }
                URL url = new URL("memory", null, -1, "/" + name, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL u) {
                        return new URLConnection(u) {
                            @Override
                            public void connect() {}

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(servicesFile.getBytes(StandardCharsets.UTF_8));
                            }
                        };
                    }
                });
                return Collections.enumeration(List.of(url));
            }
        };
    }

    /** A runtime that only records what it was given. */
    public static final class FirstRuntime implements RuntimeProvider {
        static volatile @Nullable SystemSpec lastSpec;

        @Override
        public AgentSystem create(SystemSpec spec) {
            lastSpec = spec;
            return (AgentSystem) java.lang.reflect.Proxy.newProxyInstance(
                    AgentSystem.class.getClassLoader(),
                    new Class<?>[] {AgentSystem.class},
                    (proxy, method, args) -> null);
        }
    }

    /** A second runtime, to be refused. */
    public static final class SecondRuntime implements RuntimeProvider {
        @Override
        public AgentSystem create(SystemSpec spec) {
            throw new AssertionError("never chosen");
        }
    }
}
