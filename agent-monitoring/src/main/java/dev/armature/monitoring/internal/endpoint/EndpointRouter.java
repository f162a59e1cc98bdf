package dev.armature.monitoring.internal.endpoint;

import static java.util.Objects.requireNonNull;

import dev.armature.api.SystemSnapshot;
import dev.armature.api.SystemState;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.api.monitoring.MetricsUnavailableException;
import dev.armature.monitoring.internal.health.StatusAggregator;
import dev.armature.spi.monitoring.EndpointAuthorizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Internal: answers the endpoints' requests from what the system has: the health checker's cached
 * report, the system's snapshot (readiness, lifecycle state), the alerts and the metrics text.
 * Nothing here waits for a check. Immutable and thread-safe.
 */
public final class EndpointRouter {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    /** The name under which the system's own part of a probe shows among the checks. */
    static final String SYSTEM_ENTRY = "armature.system";

    private static final Map<String, String> ALLOW = Map.of("Allow", "GET, HEAD");

    /**
     * What the router reads.
     *
     * @param system the system's snapshot, read on every health request
     * @param health the health checker, when present
     * @param alerts the alerts, when present
     * @param metrics the metrics text, when present
     * @param authorizers who may see details; empty for the default
     * @param shape the health bodies' shape
     * @param aggregator how the checks of one kind add up
     */
    public record Sources(
            Supplier<SystemSnapshot> system,
            Optional<Health> health,
            Optional<Alerts> alerts,
            Optional<MetricsExposition> metrics,
            List<EndpointAuthorizer> authorizers,
            HealthShape shape,
            StatusAggregator aggregator) {
        /**
         * Checks every part and copies the list.
         *
         * @param system the snapshot
         * @param health the checker
         * @param alerts the alerts
         * @param metrics the metrics
         * @param authorizers the authorizers
         * @param shape the shape
         * @param aggregator the aggregator
         */
        public Sources {
            requireNonNull(system, "system");
            requireNonNull(health, "health");
            requireNonNull(alerts, "alerts");
            requireNonNull(metrics, "metrics");
            authorizers = List.copyOf(authorizers);
            requireNonNull(shape, "shape");
            requireNonNull(aggregator, "aggregator");
        }
    }

    private final Sources sources;
    private final EndpointAuthorizer authorizer;
    private final AtomicReferenceArray<@Nullable Cached> cache = new AtomicReferenceArray<>(8);

    /**
     * Creates a router.
     *
     * @param sources what it reads
     * @param defaultAuthorizer who may see details when no authorizer was contributed
     */
    EndpointRouter(Sources sources, EndpointAuthorizer defaultAuthorizer) {
        this.sources = requireNonNull(sources, "sources");
        List<EndpointAuthorizer> contributed = sources.authorizers();
        this.authorizer = contributed.isEmpty()
                ? requireNonNull(defaultAuthorizer, "defaultAuthorizer")
                : request -> contributed.stream().anyMatch(a -> a.mayShowDetails(request));
    }

    /** Answers one request. */
    EndpointResponse handle(EndpointRequest request) {
        String path = normalise(request.path());
        boolean known =
                switch (path) {
                    case Endpoints.HEALTH,
                            Endpoints.LIVE,
                            Endpoints.READY,
                            Endpoints.STARTED,
                            Endpoints.METRICS,
                            Endpoints.ALERTS -> true;
                    default -> false;
                };
        if (!known) {
            return new EndpointResponse(
                    404,
                    headers(JSON),
                    EndpointJson.error("no endpoint at " + path + "; the endpoints are " + Endpoints.HEALTH + ", "
                            + Endpoints.LIVE + ", " + Endpoints.READY + ", " + Endpoints.STARTED + ", "
                            + Endpoints.METRICS + " and " + Endpoints.ALERTS));
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            Map<String, String> h = new java.util.TreeMap<>(headers(JSON));
            h.putAll(ALLOW);
            return new EndpointResponse(
                    405, h, EndpointJson.error(request.method() + " is not allowed on " + path + "; use GET or HEAD"));
        }
        boolean details = authorizer.mayShowDetails(request);
        EndpointResponse full =
                switch (path) {
                    case Endpoints.METRICS -> metrics(details);
                    case Endpoints.ALERTS -> alerts(details);
                    default -> health(path, details);
                };
        return head ? new EndpointResponse(full.status(), full.headers(), "") : full;
    }

    /** The status code of a health status: 503 for OUT_OF_SERVICE and DOWN, 200 otherwise. */
    static int statusCode(HealthStatus status) {
        return switch (status) {
            case UP, DEGRADED, UNKNOWN -> 200;
            case OUT_OF_SERVICE, DOWN -> 503;
        };
    }

    private EndpointResponse health(String path, boolean details) {
        SystemSnapshot system = sources.system().get();
        Optional<HealthReport> report = sources.health().map(Health::report);
        int slot = slot(path, details);
        @Nullable HealthReport reportKey = report.orElse(null);
        Cached cached = cache.get(slot);
        if (cached != null && cached.matches(reportKey, system)) {
            return cached.response();
        }
        EndpointResponse response = render(path, details, system, report);
        cache.set(slot, new Cached(reportKey, system.state(), system.readiness(), system.health(), response));
        return response;
    }

    /**
     * A rendered health answer and what it was rendered from. The checker hands out the same report
     * until a result or staleness changes it, so most probes find their answer here.
     */
    private record Cached(
            @Nullable HealthReport report,
            SystemState state,
            HealthStatus readiness,
            HealthStatus health,
            EndpointResponse response) {
        @SuppressWarnings("ReferenceEquality") // identity is the point: an unchanged report is the same object
        boolean matches(@Nullable HealthReport current, SystemSnapshot system) {
            return report == current
                    && state == system.state()
                    && readiness == system.readiness()
                    && health == system.health();
        }
    }

    private static int slot(String path, boolean details) {
        int p =
                switch (path) {
                    case Endpoints.HEALTH -> 0;
                    case Endpoints.LIVE -> 1;
                    case Endpoints.READY -> 2;
                    default -> 3;
                };
        return 2 * p + (details ? 1 : 0);
    }

    private EndpointResponse render(
            String path, boolean details, SystemSnapshot system, Optional<HealthReport> report) {
        List<EndpointJson.Entry> entries = new ArrayList<>();
        HealthStatus status;
        if (path.equals(Endpoints.HEALTH)) {
            // The checker's overall status, as it weighs every check; without a checker, the system's.
            status = report.map(HealthReport::status).orElse(system.health());
            report.ifPresent(r -> r.checks().values().forEach(c -> entries.add(EndpointJson.Entry.of(c))));
        } else {
            CheckKind kind =
                    switch (path) {
                        case Endpoints.LIVE -> CheckKind.LIVENESS;
                        case Endpoints.READY -> CheckKind.READINESS;
                        default -> CheckKind.STARTUP;
                    };
            HealthStatus own = systemPart(kind, system);
            entries.add(new EndpointJson.Entry(
                    SYSTEM_ENTRY, own, Map.of("state", system.state().name())));
            List<HealthStatus> weighed = new ArrayList<>();
            weighed.add(own);
            if (report.isPresent()) {
                for (CheckReport c : report.get().checks().values()) {
                    if (c.spec().kind() == kind) {
                        entries.add(EndpointJson.Entry.of(c));
                        weighed.add(
                                sources.aggregator().weigh(c.status(), c.spec().criticality()));
                    }
                }
            }
            status = sources.aggregator().aggregate(weighed);
        }
        return new EndpointResponse(
                statusCode(status), headers(JSON), EndpointJson.health(sources.shape(), status, entries, details));
    }

    /**
     * The system's own part of a probe: alive unless it has stopped or failed; ready only while
     * running and not draining; started once it has started and until it stops.
     */
    private static HealthStatus systemPart(CheckKind kind, SystemSnapshot system) {
        return switch (kind) {
            case LIVENESS -> switch (system.state()) {
                case STOPPED, FAILED -> HealthStatus.DOWN;
                default -> HealthStatus.UP;
            };
            case READINESS -> system.readiness() == HealthStatus.UNKNOWN
                    ? HealthStatus.OUT_OF_SERVICE // not started yet: not ready either
                    : system.readiness();
            default -> switch (system.state()) {
                case RUNNING, STOPPING -> HealthStatus.UP;
                case NEW, STARTING -> HealthStatus.OUT_OF_SERVICE;
                case STOPPED, FAILED -> HealthStatus.DOWN;
            };
        };
    }

    private EndpointResponse metrics(boolean details) {
        if (sources.metrics().isEmpty()) {
            return new EndpointResponse(
                    404,
                    headers(TEXT),
                    "no metrics exposition in this system: its provider (agent-monitoring's plugin"
                            + " armature-prometheus) is missing or disabled\n");
        }
        if (!details) {
            return new EndpointResponse(
                    403,
                    headers(TEXT),
                    "metrics name components and are shown only to loopback requests or with"
                            + " Authorization: Bearer <armature.endpoints.token>\n");
        }
        String text;
        try {
            text = sources.metrics().get().scrape();
        } catch (MetricsUnavailableException e) {
            // Switched off, or not running yet (or any more): the scraper should try again later.
            return new EndpointResponse(503, headers(TEXT), e.getMessage() + "\n");
        }
        return new EndpointResponse(200, headers(MetricsExposition.CONTENT_TYPE), text);
    }

    private EndpointResponse alerts(boolean details) {
        if (sources.alerts().isEmpty()) {
            return new EndpointResponse(
                    404,
                    headers(JSON),
                    EndpointJson.error("no alerts in this system: the alerts plugin (armature-alerts) is disabled"));
        }
        return new EndpointResponse(
                200, headers(JSON), EndpointJson.alerts(sources.alerts().get().active(), details));
    }

    static Map<String, String> headers(String contentType) {
        return Map.of("Content-Type", contentType, "Cache-Control", "no-store");
    }

    /** Drops a query string and a trailing slash: {@code /health/?x} is {@code /health}. */
    private static String normalise(String path) {
        int query = path.indexOf('?');
        String p = query >= 0 ? path.substring(0, query) : path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
