package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/endpoints.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails
 * when the two drift apart.
 */
@Timeout(60) // a guard against a hang, not a timing assertion
class EndpointsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/endpoints.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/EndpointsGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    // tag::example[]
    @Test
    void the_host_mounts_the_endpoints_in_its_own_http_server() throws Exception {
        try (AgentSystem system = AgentSystem.builder()
                .dataDirectory(dataDirectory)
                .systemProperties(Map.of("armature.endpoints.health.shape", "microprofile"))
                .build()) {
            system.start();
            Endpoints endpoints = system.service(Endpoints.class);

            // The host's own server: the JDK's here; a servlet, Netty or Spring handler maps alike.
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/ops", exchange -> {
                String path = exchange.getRequestURI().getPath().substring("/ops".length()); // mounted at /ops
                EndpointResponse response = endpoints.handle(new EndpointRequest(
                        exchange.getRequestMethod(),
                        path.isEmpty() ? "/" : path,
                        exchange.getRequestHeaders(),
                        Optional.of(exchange.getRemoteAddress().getAddress()))); // loopback: details shown
                response.headers().forEach(exchange.getResponseHeaders()::set);
                byte[] body = response.bodyBytes();
                exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                URI ready = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ops/health/ready");
                HttpResponse<String> answer = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200); // 503 once the shutdown drains
                assertThat(answer.body()).contains("\"checks\":[").contains("\"name\":\"armature.system\"");
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
