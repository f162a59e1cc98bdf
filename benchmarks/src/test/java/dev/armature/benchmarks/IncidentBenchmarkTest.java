package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.TimelineEntry;
import org.junit.jupiter.api.Test;

/** The benchmark measures what it says: a de-duplicated signal, and a plain save beside it. */
class IncidentBenchmarkTest {
    @Test
    void theMeasuredSignalIsDeduplicatedIntoTheFreshIncident() throws Exception {
        IncidentBenchmark bench = new IncidentBenchmark();
        bench.setUp();
        try {
            bench.openIncident();
            Incident i = bench.deduplicatedSignal();
            assertThat(i.timeline())
                    .extracting(TimelineEntry::kind)
                    .containsExactly(TimelineEntry.Kind.OPENED, TimelineEntry.Kind.SIGNAL);
            assertThat(bench.stateStorePutByHand()).isEqualTo(1);
            bench.openIncident();
            assertThat(bench.deduplicatedSignal().id()).isNotEqualTo(i.id());
        } finally {
            bench.tearDown();
        }
    }
}
