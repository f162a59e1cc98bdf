package dev.armature.monitoring.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.SystemState;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.api.monitoring.MetricsUnavailableException;
import dev.armature.monitoring.internal.health.StatusAggregator;
import dev.armature.spi.monitoring.EndpointAuthorizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing, methods, status codes, authorisation, drain, metrics and alerts of the router. */
class EndpointRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointFixtures fx = new EndpointFixtures();
    private final EndpointRouter router = fx.router(HealthShape.SPRING);

    @ParameterizedTest
    @CsvSource({"UP,200", "DEGRADED,200", "UNKNOWN,200", "OUT_OF_SERVICE,503", "DOWN,503"})
    void each_health_status_has_its_status_code(HealthStatus status, int code) {
        assertThat(EndpointRouter.statusCode(status)).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(
            value = HealthStatus.class,
            names = {"UP", "DEGRADED", "OUT_OF_SERVICE", "DOWN"})
    void the_health_path_answers_the_code_of_the_reports_status(HealthStatus db) throws IOException {
        fx.report.set(EndpointFixtures.report(db, HealthStatus.UP, HealthStatus.UP));

        EndpointResponse response = router.handle(EndpointRequest.get(Endpoints.HEALTH));

        assertThat(response.status()).isEqualTo(EndpointRouter.statusCode(db));
        assertThat(json(response).get("status").asText()).isEqualTo(db.name());
    }

    @Test
    void a_non_critical_check_down_only_degrades_readiness() throws IOException {
        fx.report.set(EndpointFixtures.report(HealthStatus.UP, HealthStatus.DOWN, HealthStatus.UP));

        EndpointResponse ready = router.handle(EndpointRequest.get(Endpoints.READY));

        assertThat(ready.status()).isEqualTo(200);
        assertThat(json(ready).get("status").asText()).isEqualTo("DEGRADED");
    }

    @Test
    void liveness_reads_only_the_liveness_checks() throws IOException {
        fx.report.set(EndpointFixtures.report(HealthStatus.DOWN, HealthStatus.DOWN, HealthStatus.UP));
        assertThat(router.handle(EndpointRequest.get(Endpoints.LIVE)).status()).isEqualTo(200);

        fx.report.set(EndpointFixtures.report(HealthStatus.UP, HealthStatus.UP, HealthStatus.DOWN));
        EndpointResponse live = router.handle(EndpointRequest.get(Endpoints.LIVE));
        assertThat(live.status()).isEqualTo(503);
        assertThat(json(live).get("components").fieldNames())
                .toIterable()
                .containsExactly(EndpointRouter.SYSTEM_ENTRY, "heap");
    }

    @Test
    void readiness_answers_503_from_the_drain_phase_on_while_liveness_stays_200() throws IOException {
        fx.system.set(EndpointFixtures.system(SystemState.STOPPING, HealthStatus.OUT_OF_SERVICE));

        EndpointResponse ready = router.handle(EndpointRequest.get(Endpoints.READY));

        assertThat(ready.status()).isEqualTo(503);
        assertThat(json(ready).at("/components/armature.system/status").asText())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(router.handle(EndpointRequest.get(Endpoints.LIVE)).status()).isEqualTo(200);
    }

    @Test
    void an_answer_is_reused_while_its_report_and_the_systems_state_stay_and_redone_when_either_changes() {
        EndpointResponse first = router.handle(EndpointRequest.get(Endpoints.READY));
        assertThat(router.handle(EndpointRequest.get(Endpoints.READY))).isSameAs(first);

        fx.system.set(EndpointFixtures.system(SystemState.STOPPING, HealthStatus.OUT_OF_SERVICE));
        assertThat(router.handle(EndpointRequest.get(Endpoints.READY)).status()).isEqualTo(503);

        fx.system.set(EndpointFixtures.system(SystemState.RUNNING, HealthStatus.UP));
        fx.report.set(EndpointFixtures.report(HealthStatus.DOWN, HealthStatus.UP, HealthStatus.UP));
        assertThat(router.handle(EndpointRequest.get(Endpoints.READY)).status()).isEqualTo(503);
        assertThat(router.handle(request("GET", Endpoints.READY, Map.of(), "192.0.2.7"))
                        .body())
                .as("a separate answer for those who may not see details")
                .isEqualTo("{\"status\":\"DOWN\"}");
    }

    @ParameterizedTest
    @CsvSource({
        "NEW,503,200",
        "STARTING,503,200",
        "RUNNING,200,200",
        "STOPPING,200,200",
        "STOPPED,503,503",
        "FAILED,503,503"
    })
    void startup_and_liveness_follow_the_systems_state(SystemState state, int started, int live) {
        fx.system.set(EndpointFixtures.system(state, HealthStatus.UP));

        assertThat(router.handle(EndpointRequest.get(Endpoints.STARTED)).status())
                .isEqualTo(started);
        assertThat(router.handle(EndpointRequest.get(Endpoints.LIVE)).status()).isEqualTo(live);
    }

    @Test
    void a_system_not_yet_started_is_not_ready() {
        fx.system.set(EndpointFixtures.system(SystemState.NEW, HealthStatus.UNKNOWN));

        assertThat(router.handle(EndpointRequest.get(Endpoints.READY)).status()).isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/health/ready/x", "/metrics/extra", "/HEALTH"})
    void an_unknown_path_answers_404_naming_the_endpoints(String path) throws IOException {
        EndpointResponse response = router.handle(EndpointRequest.get(path));

        assertThat(response.status()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).contains(path).contains(Endpoints.READY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void a_method_other_than_get_or_head_answers_405_with_allow(String method) {
        EndpointResponse response = router.handle(request(method, Endpoints.READY, Map.of(), "127.0.0.1"));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void head_answers_the_status_and_headers_of_get_without_a_body() {
        fx.report.set(EndpointFixtures.report(HealthStatus.DOWN, HealthStatus.UP, HealthStatus.UP));

        EndpointResponse head = router.handle(request("head", Endpoints.READY, Map.of(), "127.0.0.1"));
        EndpointResponse get = router.handle(EndpointRequest.get(Endpoints.READY));

        assertThat(head.status()).isEqualTo(503).isEqualTo(get.status());
        assertThat(head.headers()).isEqualTo(get.headers());
        assertThat(head.body()).isEmpty();
    }

    @Test
    void a_query_string_and_a_trailing_slash_are_ignored() {
        assertThat(router.handle(EndpointRequest.get("/health/live/?verbose=1")).status())
                .isEqualTo(200);
    }

    @Test
    void a_remote_request_sees_details_only_with_the_token() throws IOException {
        EndpointResponse anonymous = router.handle(request("GET", Endpoints.HEALTH, Map.of(), "192.0.2.7"));
        EndpointResponse wrong = router.handle(
                request("GET", Endpoints.HEALTH, Map.of("Authorization", List.of("Bearer nope")), "192.0.2.7"));
        EndpointResponse prefix = router.handle(
                request("GET", Endpoints.HEALTH, Map.of("Authorization", List.of("Bearer s3cr3t")), "192.0.2.7"));
        EndpointResponse other = router.handle(request(
                "GET",
                Endpoints.HEALTH,
                Map.of("Authorization", List.of("Basic " + EndpointFixtures.TOKEN)),
                "192.0.2.7"));
        EndpointResponse token = router.handle(request(
                "GET",
                Endpoints.HEALTH,
                Map.of("AUTHORIZATION", List.of("bearer " + EndpointFixtures.TOKEN)),
                "192.0.2.7"));

        for (EndpointResponse denied : List.of(anonymous, wrong, prefix, other)) {
            assertThat(json(denied).fieldNames()).toIterable().containsExactly("status");
        }
        assertThat(json(token).get("components").has("db")).isTrue();
        assertThat(token.body()).doesNotContain("hunter2");
    }

    @Test
    void a_request_without_a_known_address_is_not_loopback() throws IOException {
        EndpointResponse response =
                router.handle(new EndpointRequest("GET", Endpoints.HEALTH, Map.of(), Optional.empty()));

        assertThat(json(response).has("components")).isFalse();
    }

    @Test
    void contributed_authorizers_replace_the_default_and_any_one_may_let_through() throws IOException {
        EndpointAuthorizer header =
                r -> r.header("x-client").filter("ops"::equals).isPresent();
        EndpointAuthorizer never = r -> false;
        EndpointRouter custom = fx.router(HealthShape.SPRING, List.of(never, header));

        EndpointResponse local = custom.handle(EndpointRequest.get(Endpoints.HEALTH));
        EndpointResponse ops =
                custom.handle(request("GET", Endpoints.HEALTH, Map.of("X-Client", List.of("ops")), "192.0.2.7"));

        assertThat(json(local).has("components"))
                .as("loopback alone no longer suffices")
                .isFalse();
        assertThat(json(ops).has("components")).isTrue();
    }

    @Test
    void metrics_serve_the_exposition_text_to_authorised_requests_only() {
        EndpointResponse local = router.handle(EndpointRequest.get(Endpoints.METRICS));
        EndpointResponse remote = router.handle(request("GET", Endpoints.METRICS, Map.of(), "192.0.2.7"));

        assertThat(local.status()).isEqualTo(200);
        assertThat(local.body()).isEqualTo(EndpointFixtures.METRICS_TEXT);
        assertThat(local.headers()).containsEntry("Content-Type", MetricsExposition.CONTENT_TYPE);
        assertThat(remote.status()).isEqualTo(403);
        assertThat(remote.body()).contains("armature.endpoints.token");
    }

    @Test
    void metrics_answer_503_while_the_exposition_is_not_running() {
        MetricsExposition stopped = () -> {
            throw new MetricsUnavailableException(
                    MetricsUnavailableException.Reason.NOT_RUNNING, "the metrics exposition is not running");
        };
        EndpointRouter early = new EndpointRouter(
                new EndpointRouter.Sources(
                        () -> EndpointFixtures.system(SystemState.STARTING, HealthStatus.UNKNOWN),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(stopped),
                        List.of(),
                        HealthShape.SPRING,
                        StatusAggregator.defaults()),
                new DefaultAuthorizer(Optional.empty()));

        EndpointResponse metrics = early.handle(EndpointRequest.get(Endpoints.METRICS));

        assertThat(metrics.status()).isEqualTo(503);
        assertThat(metrics.body()).contains("not running");
    }

    @Test
    void without_a_metrics_exposition_or_alerts_their_paths_answer_404_saying_why() {
        EndpointRouter bare = new EndpointRouter(
                new EndpointRouter.Sources(
                        () -> EndpointFixtures.system(SystemState.RUNNING, HealthStatus.UP),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        HealthShape.SPRING,
                        StatusAggregator.defaults()),
                new DefaultAuthorizer(Optional.empty()));

        EndpointResponse metrics = bare.handle(EndpointRequest.get(Endpoints.METRICS));
        EndpointResponse alerts = bare.handle(EndpointRequest.get(Endpoints.ALERTS));

        assertThat(metrics.status()).isEqualTo(404);
        assertThat(metrics.body()).contains("no metrics exposition");
        assertThat(alerts.status()).isEqualTo(404);
        assertThat(bare.handle(EndpointRequest.get(Endpoints.HEALTH)).status())
                .as("the system's own health without a checker")
                .isEqualTo(200);
    }

    @Test
    void alerts_show_the_active_alerts_masked_or_only_their_count() throws IOException {
        JsonNode local = json(router.handle(EndpointRequest.get(Endpoints.ALERTS)));
        JsonNode remote = json(router.handle(request("GET", Endpoints.ALERTS, Map.of(), "192.0.2.7")));

        assertThat(local.get("count").asInt()).isEqualTo(1);
        JsonNode alert = local.get("alerts").get(0);
        assertThat(alert.get("rule").asText()).isEqualTo("queue-backlog");
        assertThat(alert.get("state").asText()).isEqualTo("FIRING");
        assertThat(alert.get("value").asDouble()).isEqualTo(250.0);
        assertThat(alert.at("/labels/team").asText()).isEqualTo("platform");
        assertThat(alert.at("/labels/api-key").asText()).isEqualTo("******");
        assertThat(alert.get("firedAt").asText()).isEqualTo("2026-11-26T02:59:45Z");
        assertThat(remote.fieldNames()).toIterable().containsExactly("count");
    }

    private static EndpointRequest request(
            String method, String path, Map<String, List<String>> headers, String address) {
        try {
            return new EndpointRequest(method, path, headers, Optional.of(InetAddress.getByName(address)));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(EndpointResponse response) throws IOException {
        return JSON.readTree(response.body());
    }
}
