package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.PrometheusPlugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposition against Prometheus's own tools: {@code promtool check metrics} accepts a scrape,
 * and a real Prometheus server, started here with a generated configuration, scrapes the system
 * over HTTP and answers a query for an Armature meter. Skipped where the binaries are missing,
 * except under {@code CI=true}.
 */
@Timeout(120) // a guard against a hang, not a timing assertion
class PrometheusServerTest {
    /** Prometheus's scrapes we wait for at most before giving up; one a second. */
    private static final int MAX_SCRAPES = 60;

    private final ManualTime time = ManualTime.create();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @SuppressWarnings("NullAway.Init") // set in setUp
    private AgentSystem system;

    @SuppressWarnings("NullAway.Init") // set in setUp
    private MetricsExposition exposition;

    @BeforeEach
    void setUp() {
        system = AgentSystem.builder()
                .name("coding-agent")
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir.resolve("data"))
                .shutdownHook(false)
                .pluginDiscovery(false)
                .plugin(new PrometheusPlugin())
                .environment(Map.of())
                .systemProperties(Map.of())
                .build();
        system.start();
        // One meter of each kind the SDK records, so every family shape is checked.
        Counter.builder("armature.test.requests")
                .description("Requests served")
                .tag("route", "/health")
                .register(system.service(MeterRegistry.class))
                .increment(3);
        exposition = system.service(MetricsExposition.class);
    }

    @AfterEach
    void tearDown() {
        system.close();
    }

    @Test
    void promtool_accepts_the_scrape() throws Exception {
        Path promtool = PrometheusBinaries.require("promtool");
        String scrape = exposition.scrape();
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try {
            try (OutputStream in = check.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            String report;
            try (InputStream out = check.getInputStream()) {
                report = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue())
                    .as("promtool check metrics said:%n%s%nof:%n%s", report, scrape)
                    .isZero();
            assertThat(report).isBlank();
        } finally {
            stop(check);
        }
    }

    @Test
    void a_prometheus_server_scrapes_the_system_and_answers_a_query_for_its_meters() throws Exception {
        Path prometheus = PrometheusBinaries.require("prometheus");
        Semaphore scrapes = new Semaphore(0);
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/metrics", exchange -> {
            try (exchange) {
                byte[] body = exposition.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", MetricsExposition.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                scrapes.release();
            }
        });
        target.start();
        int webPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "scrape_configs:",
                        "  - job_name: armature",
                        "    scrape_interval: 1s",
                        "    static_configs:",
                        "      - targets: ['127.0.0.1:" + target.getAddress().getPort() + "']",
                        ""));
        Path log = dir.resolve("prometheus.log");
        Process server = new ProcessBuilder(
                        prometheus.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + webPort)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String query = "armature_test_requests_total{job=\"armature\",route=\"/health\"}";
            Optional<JsonNode> found = Optional.empty();
            // Each try waits for Prometheus's next scrape of us, so the pace is Prometheus's own.
            for (int i = 0; i < MAX_SCRAPES && found.isEmpty(); i++) {
                if (!server.isAlive()) {
                    fail("prometheus exited with %d:%n%s", server.exitValue(), Files.readString(log));
                }
                if (scrapes.tryAcquire(2, TimeUnit.SECONDS)) {
                    found = query(client, webPort, query);
                }
            }
            JsonNode answer = found.orElseThrow(
                    () -> new AssertionError("Prometheus never answered " + query + "; its log:\n" + readQuietly(log)));
            assertThat(answer.path("metric").path("application").asText()).isEqualTo("coding-agent");
            // Prometheus's own instance label (the target's address) wins; Armature's is kept beside it
            // as exported_instance, unless the scrape config says honor_labels: true.
            assertThat(answer.path("metric").path("exported_instance").asText()).isEqualTo("local");
            assertThat(answer.path("value").path(1).asText()).isEqualTo("3");
            JsonNode up = query(client, webPort, "up{job=\"armature\"}").orElseThrow();
            assertThat(up.path("value").path(1).asText()).isEqualTo("1");
        } finally {
            stop(server);
            target.stop(0);
        }
    }

    /** Returns the first series of an instant query's answer, or empty while there is none yet. */
    private Optional<JsonNode> query(HttpClient client, int port, String promql)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListeningYet) {
            return Optional.empty(); // its web server may come up after its first scrape
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode result = json.readTree(response.body()).path("data").path("result");
        return result.isArray() && !result.isEmpty() ? Optional.of(result.get(0)) : Optional.empty();
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        // Never 9090: a Prometheus service the package started may hold it.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Ends a process we started, forcibly if it does not go, and waits for it. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
