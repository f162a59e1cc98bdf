package dev.armature.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.Endpoints;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The built-in endpoints server against a bare JDK {@code HttpServer}, in requests per second, over
 * loopback in one process: the goal is at least 0.8× of the bare server.
 *
 * <ul>
 *   <li>{@code armatureReady}: {@code GET /health/ready} on the built-in server of a started system
 *       with its built-in checks (components, circuits, heap, threads, disk), from loopback, so the
 *       answer carries every readiness check's details as JSON;
 *   <li>{@code bareJdkServer}, the baseline: a JDK {@code HttpServer} whose one handler answers 200
 *       with a fixed {@code {"status":"UP"}}, on a pool of the same size (2 threads) and with
 *       TCP_NODELAY as well.
 * </ul>
 *
 * <p>Each benchmark thread keeps one HTTP/1.1 keep-alive connection per server and speaks the
 * protocol over a plain socket, so that the client's own cost stays small and equal for both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EndpointsBenchmark {
    /** The baseline's body. */
    static final byte[] BARE_BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    /** Both servers, started once. */
    @State(Scope.Benchmark)
    public static class Servers {
        @Nullable
        AgentSystem system;

        @Nullable
        HttpServer bare;

        @Nullable
        ExecutorService barePool;

        @Nullable
        Path dataDirectory;

        int armaturePort;
        int barePort;

        /** Starts the system with its server and the bare server. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            // Both servers without Nagle's delay, whichever the JDK creates first.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            Path dir = Files.createTempDirectory("armature-endpoints-bench");
            dataDirectory = dir;
            AgentSystem s = AgentSystem.builder()
                    .dataDirectory(dir)
                    .environment(Map.of())
                    .systemProperties(Map.of(
                            "armature.endpoints.server.enabled", "true",
                            "armature.endpoints.port", "0",
                            "armature.health.resources.disk-path", dir.toString()))
                    .build();
            system = s;
            s.start();
            armaturePort =
                    s.service(Endpoints.class).serverAddress().orElseThrow().getPort();

            HttpServer b = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            barePool = pool;
            b.setExecutor(pool);
            b.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, BARE_BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BARE_BODY);
                    }
                }
            });
            b.start();
            bare = b;
            barePort = b.getAddress().getPort();
        }

        /** Stops both. */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            HttpServer b = bare;
            if (b != null) {
                b.stop(0);
            }
            ExecutorService pool = barePool;
            if (pool != null) {
                pool.shutdownNow();
            }
            AgentSystem s = system;
            if (s != null) {
                s.close();
            }
            Path dir = dataDirectory;
            if (dir != null) {
                JournalBenchmark.deleteRecursively(dir);
            }
        }
    }

    /** One keep-alive connection to each server, per benchmark thread. */
    @State(Scope.Thread)
    public static class Clients {
        @Nullable
        Connection armature;

        @Nullable
        Connection bare;

        /** Connects. */
        @Setup(Level.Trial)
        public void connect(Servers servers) throws IOException {
            armature = new Connection(servers.armaturePort);
            bare = new Connection(servers.barePort);
        }

        /** Disconnects. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (armature != null) {
                armature.close();
            }
            if (bare != null) {
                bare.close();
            }
        }

        Connection armature() {
            return java.util.Objects.requireNonNull(armature);
        }

        Connection bare() {
            return java.util.Objects.requireNonNull(bare);
        }
    }

    /** A minimal HTTP/1.1 client on one keep-alive socket. Not thread-safe. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends a GET and reads the whole response; returns its status code and body. */
        Response get(String path) {
            try {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = line();
                int length = 0;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                header.substring("content-length:".length()).strip());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (body.length != length) {
                    throw new IOException("the connection closed inside a body");
                }
                return new Response(
                        Integer.parseInt(status.split(" ", -1)[1]), new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed inside a response's head");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A status code and a body. */
    record Response(int status, String body) {}

    /** Readiness from the built-in server. */
    @Benchmark
    public Response armatureReady(Clients clients) {
        return clients.armature().get(Endpoints.READY);
    }

    /** The bare JDK server's fixed answer. */
    @Benchmark
    public Response bareJdkServer(Clients clients) {
        return clients.bare().get("/");
    }
}
