package dev.armature.core.functional.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretLeakTest {
    @Test
    void a_full_run_with_secrets_shows_none_of_them_in_logs_events_exceptions_dumps_history_or_meters(@TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("output.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Darmature.test.log.level=TRACE",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SecretLeakScenario.class.getName(),
                        dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String everything = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as("the scenario ended").isTrue();
        assertThat(everything)
                .as("the scenario ran to its end, logging and publishing")
                .contains("SCENARIO DONE", "EVENT", "DUMP", "ROLLBACK", "EXCEPTION", "METER", "configuration version")
                .contains("armature.config.rejected")
                .doesNotContain(
                        SecretLeakScenario.ENCRYPTED_1,
                        SecretLeakScenario.PLAIN_FROM_ENV,
                        SecretLeakScenario.ENCRYPTED_2,
                        SecretLeakScenario.OVERRIDE);
    }
}
