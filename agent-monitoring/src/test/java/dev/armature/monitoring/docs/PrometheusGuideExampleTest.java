package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.api.monitoring.MetricsUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runnable example of docs/prometheus.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails
 * when the two drift apart.
 */
@Timeout(30) // a guard against a hang, not a timing assertion
class PrometheusGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/prometheus.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/PrometheusGuideExampleTest.java");

    // tag::example[]
    @Test
    void the_host_serves_the_systems_meters_on_its_own_metrics_path() throws Exception {
        try (AgentSystem system = AgentSystem.builder().name("coding-agent").build()) {
            system.start();
            MetricsExposition metrics = system.service(MetricsExposition.class);

            // Any HTTP framework will do; here the JDK's own server, on loopback.
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> {
                int status = 200;
                String text;
                try {
                    text = metrics.scrape();
                } catch (MetricsUnavailableException e) { // switched off, or the system is not running
                    status = 503;
                    text = e.getMessage();
                }
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", MetricsExposition.CONTENT_TYPE);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsExposition.CONTENT_TYPE);
                assertThat(response.body())
                        .contains("# TYPE armature_component_running gauge")
                        .contains("armature_component_running{application=\"coding-agent\","
                                + "component=\"armature.health\",instance=\"local\"} 1.0")
                        .contains("# TYPE armature_events_published_total counter");
            } finally {
                server.stop(0);
            }
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}
