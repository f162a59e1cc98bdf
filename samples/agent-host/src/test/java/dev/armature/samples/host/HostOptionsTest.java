package dev.armature.samples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostOptionsTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "3s, PT3S", "2m, PT2M", "1h, PT1H", "PT3S, PT3S", "pt1m30s, PT1M30S"})
    void durations_are_read_in_short_and_iso_forms(String text, String expected) {
        assertThat(HostOptions.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "s", "3 s", "-3s", "0s", "PT0S", "PT-1S", "3days", "99999999999999999999h"})
    void anything_else_is_refused_with_a_message(String text) {
        assertThatThrownBy(() -> HostOptions.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void options_are_parsed_in_any_order() {
        HostOptions o = HostOptions.parse(List.of("--workspace-dir", "/tmp/x", "--run-for", "3s"));
        assertThat(o.runFor()).contains(Duration.ofSeconds(3));
        assertThat(o.workspaceParent()).contains(Path.of("/tmp/x"));
        assertThat(o.help()).isFalse();
        assertThat(o.chaos()).isFalse();
    }

    @Test
    void chaos_is_a_flag_that_combines_with_run_for() {
        HostOptions o = HostOptions.parse(List.of("--chaos", "--run-for", "5s"));
        assertThat(o.chaos()).isTrue();
        assertThat(o.runFor()).contains(Duration.ofSeconds(5));
        assertThat(HostOptions.USAGE).contains("--chaos");
    }

    @Test
    void the_endpoints_port_defaults_to_8470_and_takes_0_to_65535() {
        assertThat(HostOptions.parse(List.of()).port()).isEqualTo(8470);
        assertThat(HostOptions.parse(List.of("--port", "0")).port()).isZero();
        assertThat(HostOptions.parse(List.of("--port", "9000")).port()).isEqualTo(9000);
        assertThatThrownBy(() -> HostOptions.parse(List.of("--port", "65536")))
                .hasMessage("'65536' is not a port: write a number from 0 to 65535");
        assertThatThrownBy(() -> HostOptions.parse(List.of("--port", "http")))
                .hasMessage("'http' is not a port: write a number from 0 to 65535");
        assertThat(HostOptions.USAGE).contains("--port <port>");
    }

    @Test
    void a_missing_value_or_unknown_option_is_refused() {
        assertThatThrownBy(() -> HostOptions.parse(List.of("--run-for"))).hasMessage("--run-for needs a value");
        assertThatThrownBy(() -> HostOptions.parse(List.of("--fast"))).hasMessage("unknown argument '--fast'");
    }

    @Test
    void the_settings_file_defaults_to_the_data_directory_and_can_be_given() {
        assertThat(HostOptions.parse(List.of("--data-dir", "d")).settingsFile())
                .isEqualTo(Path.of("d", "agent-host.yaml"));
        assertThat(HostOptions.parse(List.of("--config", "x.yaml")).settingsFile())
                .isEqualTo(Path.of("x.yaml"));
        assertThatThrownBy(() -> HostOptions.parse(List.of("--config"))).hasMessage("--config needs a value");
    }
}
