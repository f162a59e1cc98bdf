package dev.armature.monitoring.internal.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.armature.api.ArmatureException;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the built-in server, a JDK {@link HttpServer} that hands every request to the
 * endpoints, on a pool of its own ({@code armature-endpoints-N}, daemon).
 *
 * <p>TCP_NODELAY: the JDK server takes no socket options; it reads the system property {@value
 * #NODELAY} once, when its first server is created in the JVM. Without it, Nagle's algorithm and
 * delayed ACKs add ~40 ms to each small keep-alive response. So the property is set to {@code true}
 * before the server is created, unless the host has set it already; a host that created a JDK
 * server earlier must set it itself, on the command line.
 */
final class EndpointServer implements AutoCloseable {
    /** The JDK's property that turns TCP_NODELAY on for its HTTP server. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    /** The code of the failure to bind. */
    static final String BIND_FAILED = "armature.endpoints.bind";

    private static final Logger log = LoggerFactory.getLogger(EndpointServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final int QUEUE = 256;
    private static final long TERMINATION_SECONDS = 5;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;

    private EndpointServer(HttpServer server, ThreadPoolExecutor pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * Binds and starts a server.
     *
     * @param endpoints what answers
     * @param address where to listen
     * @param threads the pool's threads
     * @return the running server
     * @throws ArmatureException if the address cannot be bound
     */
    static EndpointServer start(Endpoints endpoints, InetSocketAddress address, int threads) {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new ArmatureException(
                    BIND_FAILED,
                    "the built-in endpoints server cannot listen on " + address + " (" + e.getMessage()
                            + "): set " + EndpointsSchema.PORT + " to a free port (0 picks one) or "
                            + EndpointsSchema.SERVER_ADDRESS + " to an address of this machine",
                    e);
        }
        int id = SERVERS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        // Handlers never block, so a full queue runs the request on the server's dispatcher thread
        // instead of dropping the connection: back-pressure, not failure.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "armature-endpoints-" + id + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(pool);
        server.createContext("/", exchange -> serve(endpoints, exchange));
        server.start();
        return new EndpointServer(server, pool);
    }

    /** The address the server listens on, with the port it was given. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(TERMINATION_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(Endpoints endpoints, HttpExchange exchange) throws IOException {
        try (exchange) {
            EndpointResponse response;
            try {
                response = endpoints.handle(new EndpointRequest(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(),
                        Optional.ofNullable(exchange.getRemoteAddress()).map(InetSocketAddress::getAddress)));
            } catch (RuntimeException e) {
                log.atWarn()
                        .setCause(e)
                        .addKeyValue("path", exchange.getRequestURI().getPath())
                        .log("an endpoint failed");
                response = new EndpointResponse(
                        500, EndpointRouter.headers(EndpointRouter.TEXT), "the endpoint failed; see the log\n");
            }
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            byte[] body = response.bodyBytes();
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
