package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both servers of the endpoints benchmark answer what its description promises; no timing here. */
@Timeout(60) // a guard against a hang, not a timing assertion
class EndpointsBenchmarkTest {
    @Test
    void bothServersAnswerOverTheirKeepAliveConnections() throws Exception {
        EndpointsBenchmark bench = new EndpointsBenchmark();
        EndpointsBenchmark.Servers servers = new EndpointsBenchmark.Servers();
        servers.start();
        EndpointsBenchmark.Clients clients = new EndpointsBenchmark.Clients();
        try {
            clients.connect(servers);
            for (int i = 0; i < 3; i++) { // the same connection, again and again
                EndpointsBenchmark.Response ready = bench.armatureReady(clients);
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.body()).startsWith("{\"status\":\"UP\"").contains("armature.system");
                EndpointsBenchmark.Response bare = bench.bareJdkServer(clients);
                assertThat(bare.status()).isEqualTo(200);
                assertThat(bare.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(EndpointsBenchmark.BARE_BODY);
            }
        } finally {
            clients.close();
            servers.stop();
        }
    }
}
