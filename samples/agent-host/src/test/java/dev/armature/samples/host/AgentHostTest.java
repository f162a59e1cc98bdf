package dev.armature.samples.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.time.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHostTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void a_short_run_starts_every_component_stops_cleanly_and_prints_the_report(
            @TempDir Path parent, @TempDir Path data) throws IOException {
        int status = AgentHost.run(
                List.of(
                        "--run-for",
                        "300ms",
                        "--workspace-dir",
                        parent.toString(),
                        "--port",
                        "0",
                        "--data-dir",
                        data.toString()),
                out,
                err);

        String output = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; stderr: %s", errBytes).isEqualTo(AgentHost.EXIT_OK);
        for (String component :
                List.of("workspace", "model-gateway", "tool-runner", "session-manager", "telemetry", "restart-audit")) {
            assertThat(output).contains(component).containsPattern(component + " +STARTING +→ RUNNING +gen 1");
            assertThat(output).containsPattern(component + " +STOPPED +[0-9.]+ ms");
        }
        assertThat(output)
                .contains("Shutdown report: clean")
                .contains("before-stop", "drain", "stop-components", "after-stop");
        // The workspace removed the directory it created.
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_second_run_with_the_same_data_directory_resumes_the_session(@TempDir Path parent) {
        List<String> args = List.of(
                "--run-for",
                "200ms",
                "--workspace-dir",
                parent.toString(),
                "--port",
                "0",
                "--data-dir",
                parent.resolve("data").toString());
        assertThat(AgentHost.run(args, out, err))
                .as("first run; stderr: %s", errBytes)
                .isEqualTo(AgentHost.EXIT_OK);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("session-manager  checkpoint #1 saved");
        outBytes.reset();

        assertThat(AgentHost.run(args, out, err))
                .as("second run; stderr: %s", errBytes)
                .isEqualTo(AgentHost.EXIT_OK);
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .contains("session-manager  resumed from checkpoint #1 (format 1)")
                .contains("session-manager  checkpoint #2 saved");
    }

    @Test
    void a_component_that_cannot_start_fails_the_run_with_a_message_naming_it(@TempDir Path parent) {
        Path missing = parent.resolve("does-not-exist");

        int status = AgentHost.run(
                List.of(
                        "--run-for",
                        "5s",
                        "--workspace-dir",
                        missing.toString(),
                        "--port",
                        "0",
                        "--data-dir",
                        parent.resolve("data").toString()),
                out,
                err);

        assertThat(status).isEqualTo(AgentHost.EXIT_FAILED);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("startup failed")
                .contains("workspace: java.nio.file.NoSuchFileException");
        // Nothing that depends on the workspace was started.
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContainPattern("tool-runner +STARTING");
    }

    @Test
    void bad_arguments_print_the_usage_and_exit_with_status_2() {
        int status = AgentHost.run(List.of("--run-for", "soon"), out, err);

        assertThat(status).isEqualTo(AgentHost.EXIT_USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("'soon' is not a duration")
                .contains("Usage:");
    }

    @Test
    void help_prints_the_usage_and_starts_nothing() {
        assertThat(AgentHost.run(List.of("--help"), out, err)).isEqualTo(AgentHost.EXIT_OK);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).startsWith("Usage:");
    }

    @Test
    void editing_the_settings_file_while_running_applies_it_and_a_broken_file_is_rejected(@TempDir Path parent)
            throws Exception {
        Path settings = parent.resolve("agent.yaml");
        Files.writeString(settings, "agent:\n  model:\n    name: first-model\n");
        ConsoleCapture console = new ConsoleCapture();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> status = runner.submit(() -> AgentHost.run(
                    List.of(
                            "--workspace-dir",
                            parent.toString(),
                            "--port",
                            "0",
                            "--data-dir",
                            parent.resolve("data").toString(),
                            "--config",
                            settings.toString()),
                    console.stream,
                    err,
                    stop));
            console.await("settings from " + settings.toAbsolutePath(), Duration.ofSeconds(60));
            // The endpoints serve on the port the line names (--port 0 picked a free one).
            Matcher ready = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/health/ready)")
                    .matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(ready.find()).as("the endpoints line in:%n%s", console).isTrue();
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(ready.group(1))).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            replace(settings, "agent:\n  model:\n    name: second-model\n");
            console.await("version 2 applied from file:", Duration.ofSeconds(60));

            replace(settings, "agent:\n  model:\n    name: [broken\n");
            console.await("REJECTED; keeping the last good settings", Duration.ofSeconds(60));

            stop.countDown();
            assertThat(status.get(60, TimeUnit.SECONDS))
                    .as("stderr: %s", errBytes)
                    .isEqualTo(AgentHost.EXIT_OK);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("[agent.model.name]");
        } finally {
            stop.countDown();
            runner.shutdownNow();
        }
    }

    @Test
    void chaos_opens_the_circuit_fingerprints_the_error_finds_it_new_and_closes_the_circuit_again(@TempDir Path parent)
            throws Exception {
        // The bundled guard settings, but retrying at once: on ManualTime a turn runs on the thread
        // that advances the time, so it cannot wait for a retry delay.
        Path settings = parent.resolve("agent.yaml");
        Files.writeString(
                settings,
                """
                armature:
                  guards:
                    model:
                      chat:
                        retry:
                          max-attempts: 3
                          initial-delay: 0ms
                        circuit-breaker:
                          consecutive-failures: 3
                          wait-in-open: 2s
                          max-concurrent-probes: 1
                """);
        ManualTime time = ManualTime.create();
        ConsoleCapture console = new ConsoleCapture();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> status = runner.submit(() -> AgentHost.run(
                    List.of(
                            "--chaos",
                            "--workspace-dir",
                            parent.toString(),
                            "--port",
                            "0",
                            "--data-dir",
                            parent.resolve("data").toString(),
                            "--config",
                            settings.toString()),
                    console.stream,
                    err,
                    new CountDownLatch(1),
                    time));
            console.await("stopping in 12.000 s", Duration.ofSeconds(60));

            // Every turn, the breaker's waits, the detector's evaluation (at 10 s) and the scenario's end,
            // in three strides: the incident manager follows the bus on its own thread, so the test waits
            // for it to see the recovery ask for a person (at 4 s), for the runbook that starts then to end, and
            // for the circuit to close (at 8 s) before time goes on.
            time.advance(Duration.ofSeconds(4));
            console.await("incident INC-1   opened", Duration.ofSeconds(60));
            // Its runbook runs on a pool of its own: let it finish while the circuit is still open.
            console.await("runbook model-outage, step post-outage-notice: passed", Duration.ofSeconds(60));
            time.advance(Duration.ofSeconds(5));
            console.await("incident INC-1   source: the circuit of model.chat closed", Duration.ofSeconds(60));
            time.advance(AgentHost.CHAOS_SCENARIO.minusSeconds(9));

            assertThat(status.get(60, TimeUnit.SECONDS))
                    .as("stderr: %s", errBytes)
                    .isEqualTo(AgentHost.EXIT_OK);
            // The printers may run behind the system: wait for the last lines of the scenario.
            console.await("circuit HALF_OPEN → CLOSED", Duration.ofSeconds(60));
            console.await("finding NewError", Duration.ofSeconds(60));
            console.await("recovery model.chat ended HEALED", Duration.ofSeconds(60));
            console.await("alert model-circuit-open resolved after", Duration.ofSeconds(60));
            console.await("Shutdown report: clean", Duration.ofSeconds(60));
            // The model's incident: opened when the recovery asked for a person, its runbook run, one
            // escalation after 3 s, resolved 3 s after the circuit closed, and its report printed.
            console.await("# INC-1: Recovery of guard model.chat needs a person", Duration.ofSeconds(60));
            String output = console.toString(StandardCharsets.UTF_8);
            assertThat(output)
                    .containsPattern("alert model-circuit-open +FIRING WARNING: the model's circuit is open")
                    .containsPattern("guard model.chat circuit CLOSED → OPEN: 3 consecutive failures")
                    .containsPattern("guard model.chat circuit OPEN → HALF_OPEN")
                    .containsPattern("guard model.chat circuit HALF_OPEN → CLOSED")
                    .containsPattern("session-manager +turn 3 failed, going on: the model call failed: "
                            + "java.net.ConnectException: model endpoint unavailable")
                    .containsPattern("recovery model.chat +started: its circuit opened: 3 consecutive failures")
                    .containsPattern("recovery model.chat +step last-good CONTINUE: guard model.chat answers failed"
                            + " calls with its last good answer")
                    .containsPattern("recovery model.chat +needs a person")
                    .containsPattern("recovery model.chat +step last-good rolled back \\(the recovery ended\\)")
                    .containsPattern("errors +finding NewError v1:[0-9a-f]{16}: java.net.ConnectException, "
                            + "first seen in model.chat");
            assertThat(output)
                    .containsPattern("incident INC-1 +opened SEV2/P1: Recovery of guard model.chat needs a person")
                    .containsPattern("incident INC-1 +runbook: runbook model-outage, step circuit-not-closed: passed")
                    .containsPattern("incident INC-1 +runbook: runbook model-outage, step post-outage-notice: passed")
                    .containsPattern("incident INC-1 +escalation: .*notify log")
                    .containsPattern("incident INC-1 +state changed: resolved by the system")
                    .contains("| State | RESOLVED |");
            // The error repeated four times; its fingerprint is printed once.
            assertThat(output.split("new fingerprint", -1))
                    .as("fingerprint lines in:%n%s", output)
                    .hasSize(2);
            assertThat(output)
                    .containsPattern("errors +new fingerprint v1:[0-9a-f]{16}: java.net.ConnectException "
                            + "\"model endpoint unavailable: connection refused \\(simulated outage\\)\" "
                            + "from guard model.chat \\(TRANSIENT\\)");
        } finally {
            runner.shutdownNow();
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void invalid_settings_at_start_fail_the_run_listing_every_violation(@TempDir Path parent) throws IOException {
        Path settings = parent.resolve("agent.yaml");
        Files.writeString(settings, "agent:\n  model:\n    name: Not Valid\n    max-answer-chars: 5\n");

        int status = AgentHost.run(
                List.of(
                        "--run-for",
                        "1s",
                        "--port",
                        "0",
                        "--data-dir",
                        parent.toString(),
                        "--config",
                        settings.toString()),
                out,
                err);

        assertThat(status).isEqualTo(AgentHost.EXIT_FAILED);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("agent.model.name: must match [a-z0-9-]+ (" + settings + ":3")
                .contains("agent.model.max-answer-chars: must be at least 10 (" + settings + ":4");
    }
}
