package dev.armature.monitoring.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Status codes and JSON shapes of the health paths against golden files in {@code
 * src/test/resources/endpoints/<shape>/}: every path, for a request that may see details (loopback)
 * and one that may not (a remote address without the token), on one report where the database is
 * DOWN, the non-critical model check has timed out, and the system runs. The files are compared as
 * JSON trees, so their layout is free; run with {@code -Darmature.golden.update=true} to rewrite
 * them after a deliberate change, then read the diff.
 */
class EndpointRouterGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/endpoints");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("armature.golden.update");

    static Stream<Arguments> cases() {
        return Stream.of(HealthShape.values()).flatMap(shape -> Stream.of(
                        Arguments.of(shape, Endpoints.HEALTH, "health", 503),
                        Arguments.of(shape, Endpoints.LIVE, "live", 200),
                        Arguments.of(shape, Endpoints.READY, "ready", 503),
                        Arguments.of(shape, Endpoints.STARTED, "started", 200))
                .flatMap(a -> Stream.of(true, false).map(local -> {
                    Object[] x = a.get();
                    return Arguments.of(x[0], x[1], x[2], x[3], local);
                })));
    }

    @ParameterizedTest(name = "{0} {1} local={4}")
    @MethodSource("cases")
    void each_path_answers_its_golden_body_and_status(
            HealthShape shape, String path, String name, int status, boolean local) throws IOException {
        EndpointFixtures fx = new EndpointFixtures();
        fx.report.set(EndpointFixtures.report(HealthStatus.DOWN, HealthStatus.DOWN, HealthStatus.UP));
        EndpointRequest request = new EndpointRequest(
                "GET",
                path,
                Map.of(),
                Optional.of(local ? InetAddress.getLoopbackAddress() : InetAddress.getByName("192.0.2.7")));

        EndpointResponse response = fx.router(shape).handle(request);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json");
        Path golden = GOLDEN.resolve(shape.name().toLowerCase(Locale.ROOT))
                .resolve(name + (local ? "" : "-status-only") + ".json");
        JsonNode actual = JSON.readTree(response.body());
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(
                    golden,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("%s against %s", response.body(), golden)
                .isEqualTo(JSON.readTree(Files.readString(golden, StandardCharsets.UTF_8)));
        assertThat(response.body()).doesNotContain("hunter2");
    }
}
