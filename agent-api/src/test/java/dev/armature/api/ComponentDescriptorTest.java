package dev.armature.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComponentDescriptorTest {
    @Test
    void defaults_are_the_documented_constants() {
        ComponentDescriptor d = ComponentDescriptor.of("workspace");
        assertThat(d.dependsOn()).isEmpty();
        assertThat(d.after()).isEmpty();
        assertThat(d.optional()).isFalse();
        assertThat(d.startTimeout()).isEqualTo(ComponentDescriptor.DEFAULT_START_TIMEOUT);
        assertThat(d.stopTimeout()).isEqualTo(ComponentDescriptor.DEFAULT_STOP_TIMEOUT);
        assertThat(d.restartPolicy()).isEqualTo(RestartPolicy.DEFAULT);
        assertThat(RestartPolicy.DEFAULT.backoff().min()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RestartPolicy.DEFAULT.backoff().max()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RestartPolicy.DEFAULT.backoff().resetAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(RestartPolicy.DEFAULT.intensity()).isEqualTo(new RestartIntensity(3, Duration.ofSeconds(60)));
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void null_and_blank_names_are_refused() {
        assertThatThrownBy(() -> ComponentDescriptor.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ComponentDescriptor.of("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> ComponentDescriptor.of("a", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dependsOn");
    }

    @Test
    void a_component_cannot_depend_on_itself_or_list_a_name_twice() {
        assertThatThrownBy(() -> ComponentDescriptor.of("a", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> ComponentDescriptor.of("a", "b", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void timeouts_must_be_positive() {
        assertThatThrownBy(() -> ComponentDescriptor.builder("a").startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> ComponentDescriptor.builder("a").stopTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopTimeout");
    }

    @Test
    void to_builder_keeps_every_setting() {
        ComponentDescriptor d = ComponentDescriptor.builder("a")
                .dependsOn("b")
                .after("c")
                .optional(true)
                .startTimeout(Duration.ofSeconds(3))
                .stopTimeout(Duration.ofSeconds(4))
                .restartPolicy(RestartPolicy.DEFAULT.withKind(RestartKind.TEMPORARY))
                .build();
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @Test
    void backoff_and_intensity_check_their_bounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(
                        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiplier");
        assertThatThrownBy(
                        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1.0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RestartIntensity(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartIntensity(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
