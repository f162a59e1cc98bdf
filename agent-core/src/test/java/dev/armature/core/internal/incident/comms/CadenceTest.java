package dev.armature.core.internal.incident.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.incident.CommunicationCadence;
import dev.armature.api.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CadenceTest {
    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void by_default_sev1_is_reminded_every_30_minutes_and_sev2_every_60() {
        CommunicationCadence c = CommunicationCadence.ofDefaults();

        assertThat(c.nextDue(Severity.SEV1, OPENED)).contains(Instant.parse("2026-11-20T10:30:00Z"));
        assertThat(c.nextDue(Severity.SEV2, OPENED)).contains(Instant.parse("2026-11-20T11:00:00Z"));
        for (Severity s : new Severity[] {Severity.SEV3, Severity.SEV4, Severity.SEV5}) {
            assertThat(c.nextDue(s, OPENED)).as("%s", s).isEmpty();
        }
    }

    @Test
    void the_next_reminder_counts_from_the_last_communication() {
        CommunicationCadence c = CommunicationCadence.ofDefaults();
        Instant last = Instant.parse("2026-11-20T10:47:13Z");

        assertThat(c.nextDue(Severity.SEV1, last)).contains(Instant.parse("2026-11-20T11:17:13Z"));
        // A severity raised from SEV3 to SEV1 is reminded on SEV1's cadence from then on.
        assertThat(c.nextDue(Severity.SEV1, last).orElseThrow()).isAfter(last);
    }

    @Test
    void each_severity_can_have_its_own_cadence() {
        CommunicationCadence c = new CommunicationCadence(
                Map.of(Severity.SEV1, Duration.ofMinutes(15), Severity.SEV3, Duration.ofHours(4)));

        assertThat(c.nextDue(Severity.SEV1, OPENED)).contains(OPENED.plus(Duration.ofMinutes(15)));
        assertThat(c.nextDue(Severity.SEV2, OPENED)).isEmpty();
        assertThat(c.nextDue(Severity.SEV3, OPENED)).contains(OPENED.plus(Duration.ofHours(4)));
        assertThat(c.interval(Severity.SEV3)).contains(Duration.ofHours(4));
    }

    @Test
    void a_zero_or_negative_interval_is_refused() {
        assertThatThrownBy(() -> new CommunicationCadence(Map.of(Severity.SEV2, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEV2");
        assertThatThrownBy(() -> new CommunicationCadence(Map.of(Severity.SEV2, Duration.ofMinutes(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
