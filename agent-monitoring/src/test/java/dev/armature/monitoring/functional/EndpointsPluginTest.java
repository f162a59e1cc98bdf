package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.AgentSystem;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.health.HealthProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints plugin found on the class path, end to end: a hanging check does not delay an
 * endpoint, readiness answers 503 during the drain phase of a real shutdown, and the built-in server
 * answers over loopback on an ephemeral port.
 */
@Timeout(60) // a guard against a hang, not a timing assertion
class EndpointsPluginTest {
    private static final long WAIT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualTime time = ManualTime.create();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    /** A host's plugin that contributes the given probes. */
    private static Plugin probes(HealthProbe... probes) {
        return TestPlugin.of("host-checks", context -> {
            for (HealthProbe p : probes) {
                context.contribute(HealthProbe.class, p);
            }
        });
    }

    /** A system on virtual time without the built-in checks, with more configuration. */
    private AgentSystem.Builder builder(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("armature.health.resources.enabled", "false");
        properties.put("armature.health.components.enabled", "false");
        return AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .environment(Map.of())
                .systemProperties(properties);
    }

    @Test
    void a_hanging_check_does_not_delay_an_endpoint() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HealthProbe hang = HealthProbe.of(
                CheckSpec.builder("hang").timeout(Duration.ofSeconds(5)).build(), () -> {
                    hanging.countDown();
                    release.await(WAIT_SECONDS * 6, TimeUnit.SECONDS);
                    return CheckOutcome.up();
                });
        HealthProbe db = HealthProbe.of(CheckSpec.builder("db").build(), CheckOutcome::up);
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        try (AgentSystem system = builder(Map.of()).plugin(probes(hang, db)).build()) {
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> changes.add(
                                    e.payload().check() + ":" + e.payload().to()));
            Endpoints endpoints = system.service(Endpoints.class);
            system.start();
            time.advance(Duration.ZERO);
            assertThat(hanging.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(changes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("db:UP");

            // The hanging run holds a worker; both answers come while it still hangs.
            EndpointResponse health = endpoints.handle(EndpointRequest.get(Endpoints.HEALTH));
            EndpointResponse ready = endpoints.handle(EndpointRequest.get(Endpoints.READY));
            assertThat(release.getCount()).as("the check is still hanging").isEqualTo(1);
            assertThat(health.status()).isEqualTo(200);
            assertThat(JSON.readTree(health.body())
                            .at("/components/hang/status")
                            .asText())
                    .isEqualTo("UNKNOWN");
            assertThat(ready.status()).isEqualTo(200);

            time.advance(Duration.ofSeconds(5)); // the run times out
            assertThat(changes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hang:DOWN");
            EndpointResponse timedOut = endpoints.handle(EndpointRequest.get(Endpoints.READY));
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(timedOut.status()).isEqualTo(503);
            assertThat(JSON.readTree(timedOut.body())
                            .at("/components/hang/details/timedOut")
                            .asBoolean())
                    .isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void readiness_answers_503_during_the_drain_phase_of_shutdown() throws Exception {
        AtomicReference<Endpoints> endpoints = new AtomicReference<>();
        BlockingQueue<String> duringDrain = new LinkedBlockingQueue<>();
        AgentSystem system = builder(Map.of())
                .addShutdownTask(ShutdownPhase.DRAIN, "probe-endpoints", () -> {
                    Endpoints e = endpoints.get();
                    duringDrain.add("ready:"
                            + e.handle(EndpointRequest.get(Endpoints.READY)).status());
                    duringDrain.add("live:"
                            + e.handle(EndpointRequest.get(Endpoints.LIVE)).status());
                })
                .build();
        endpoints.set(system.service(Endpoints.class));
        assertThat(endpoints.get().handle(EndpointRequest.get(Endpoints.READY)).status())
                .as("before the start")
                .isEqualTo(503);
        system.start();
        time.advance(Duration.ZERO);
        assertThat(endpoints.get().handle(EndpointRequest.get(Endpoints.READY)).status())
                .isEqualTo(200);

        system.close();

        assertThat(List.of(
                        duringDrain.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                        duringDrain.poll(WAIT_SECONDS, TimeUnit.SECONDS)))
                .containsExactly("ready:503", "live:200");
    }

    @Test
    void the_built_in_server_answers_over_loopback_on_an_ephemeral_port() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .build();
        InetSocketAddress address;
        try (AgentSystem system = builder(Map.of(
                        "armature.endpoints.server.enabled", "true",
                        "armature.endpoints.port", "0",
                        "armature.endpoints.health.shape", "microprofile"))
                .plugin(probes(HealthProbe.of(CheckSpec.builder("db").build(), CheckOutcome::up)))
                .build()) {
            Endpoints endpoints = system.service(Endpoints.class);
            assertThat(endpoints.serverAddress()).as("not before the start").isEmpty();
            CountDownLatch checked = new CountDownLatch(1);
            system.events().subscribe(HealthEvent.CheckStatusChanged.class, e -> checked.countDown());
            system.start();
            time.advance(Duration.ZERO);
            assertThat(checked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            address = endpoints.serverAddress().orElseThrow();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            assertThat(address.getPort()).isPositive();
            URI base = URI.create("http://127.0.0.1:" + address.getPort());

            HttpResponse<String> ready = send(client, "GET", base.resolve(Endpoints.READY));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks").findValuesAsText("name")).containsExactly("armature.system", "db");

            HttpResponse<String> head = send(client, "HEAD", base.resolve(Endpoints.HEALTH));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(send(client, "GET", base.resolve("/nope")).statusCode()).isEqualTo(404);
            HttpResponse<String> post = send(client, "POST", base.resolve(Endpoints.READY));
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
            assertThat(send(client, "GET", base.resolve(Endpoints.ALERTS)).body())
                    .contains("\"count\":0");
            // The Prometheus plugin on the class path provides the text.
            HttpResponse<String> metrics = send(client, "GET", base.resolve(Endpoints.METRICS));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValue(MetricsExposition.CONTENT_TYPE);
            assertThat(metrics.body()).contains("# TYPE armature_health_status gauge");
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .as("the server's threads end with the system")
                .noneMatch(t -> t.getName().startsWith("armature-endpoints-"));
        URI after = URI.create("http://127.0.0.1:" + address.getPort() + Endpoints.READY);
        assertThatThrownBy(() -> send(client, "GET", after)).isInstanceOf(IOException.class);
    }

    @Test
    void a_port_already_taken_fails_the_start_naming_the_keys_to_change() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AgentSystem system = builder(Map.of(
                            "armature.endpoints.server.enabled",
                            "true",
                            "armature.endpoints.port",
                            String.valueOf(taken.getLocalPort())))
                    .build();
            try {
                assertThatThrownBy(system::start)
                        .hasStackTraceContaining("armature.endpoints.port")
                        .hasStackTraceContaining(String.valueOf(taken.getLocalPort()));
            } finally {
                system.close();
            }
        }
    }

    private static HttpResponse<String> send(HttpClient client, String method, URI uri)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(WAIT_SECONDS)) // a guard, not a timing assertion
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
