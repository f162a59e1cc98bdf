package dev.armature.core.functional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartIntensity;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryPhase;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.resilience.Rollback;
import dev.armature.api.resilience.StepOutcome;
import dev.armature.api.state.StateStore;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.incident.IncidentsPlugin;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.resilience.RecoveryChain;
import dev.armature.spi.resilience.RecoveryContext;
import dev.armature.spi.resilience.RecoveryStep;
import dev.armature.spi.resilience.RecoverySteps;
import dev.armature.spi.resilience.StepResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery chain on virtual time: a crash loop walks the supervisor's backoff schedule at exact
 * times, escalates, and the chain goes on from there; guards and fingerprints have chains too.
 */
class RecoveryChainTest {
    private static final Backoff DOUBLING =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.0, Duration.ofMinutes(5));
    private static final Duration CHECKPOINTS = Duration.ofSeconds(10);
    private static final Duration STABLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A checkpointed store whose state {@code poison} makes every start fail. */
    static final class Store implements Checkpointable {
        private final boolean essential;
        volatile String state = "v0";
        volatile @Nullable ComponentContext context;
        final List<Long> restoredFrom = new CopyOnWriteArrayList<>();

        Store() {
            this(true);
        }

        Store(boolean essential) {
            this.essential = essential;
        }

        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.builder("store")
                    .essential(essential)
                    .restartPolicy(RestartPolicy.DEFAULT
                            .withBackoff(DOUBLING)
                            .withIntensity(new RestartIntensity(3, Duration.ofMinutes(1))))
                    .build();
        }

        @Override
        public void start(ComponentContext context) {
            this.context = context;
            if (state.equals("poison")) {
                throw new IllegalStateException("the store's state is poisoned");
            }
        }

        @Override
        public void stop() {}

        @Override
        public byte[] checkpoint() {
            return state.getBytes(UTF_8);
        }

        @Override
        public void restore(Checkpoint checkpoint) {
            state = new String(checkpoint.state(), UTF_8);
            restoredFrom.add(checkpoint.sequence());
        }
    }

    private final ManualTime time = ManualTime.create();
    private final Instant t0 = ManualTime.DEFAULT_START;

    private AgentSystem.Builder builder() {
        return AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .timeSource(time)
                .randomSource(RandomSource.seeded(7))
                .dataDirectory(dir)
                .checkpointInterval(CHECKPOINTS)
                .healthCheckInterval(Duration.ofHours(1))
                .environment(Map.of())
                .systemProperties(Map.of("armature.recovery.stable-after", "30s"));
    }

    /** Takes checkpoints #1 (v1), #2 (v2) and #3 (poison) at 10, 20 and 30 s. */
    private void takeCheckpoints(Store store, EventProbe probe) throws InterruptedException {
        String[] states = {"v1", "v2", "poison"};
        for (int i = 0; i < states.length; i++) {
            store.state = states[i];
            time.advance(CHECKPOINTS);
            long sequence = i + 1L;
            probe.await(ComponentEvent.CheckpointSaved.class, e -> e.sequence() == sequence);
        }
    }

    /** Walks the supervisor's schedule: restarts after 1, 2 and 4 s, each failing, then escalation. */
    private void walkSupervisorSchedule(EventProbe probe) throws InterruptedException {
        Instant failedAt = t0.plusSeconds(30);
        long[] delays = {1, 2, 4};
        Instant at = failedAt;
        for (int attempt = 1; attempt <= delays.length; attempt++) {
            int expected = attempt;
            EventEnvelope<ComponentEvent.RestartScheduled> scheduled =
                    probe.await(ComponentEvent.RestartScheduled.class, e -> e.attempt() == expected);
            assertThat(scheduled.timestamp())
                    .as("restart %d scheduled at", attempt)
                    .isEqualTo(at);
            assertThat(scheduled.payload().delay()).isEqualTo(Duration.ofSeconds(delays[attempt - 1]));
            time.advance(scheduled.payload().delay());
            at = at.plusSeconds(delays[attempt - 1]);
        }
        EventEnvelope<ComponentEvent.Escalated> escalated = probe.await(ComponentEvent.Escalated.class, e -> true);
        assertThat(escalated.timestamp()).isEqualTo(failedAt.plusSeconds(7));
        assertThat(escalated.payload().restarts()).isEqualTo(4);
    }

    @Test
    void a_crash_loop_walks_the_supervisors_schedule_then_restores_the_last_good_checkpoint() throws Exception {
        Store store = new Store();
        TestComponent api = new TestComponent(ComponentDescriptor.of("api", "store"));
        try (AgentSystem system = builder().component(store).component(api).build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            takeCheckpoints(store, probe);
            Objects.requireNonNull(store.context).reportFailure(new IllegalStateException("crashed on poisoned state"));
            walkSupervisorSchedule(probe);

            RecoveryTarget target = RecoveryTarget.component("store");
            RecoveryEvent.Started started =
                    probe.await(RecoveryEvent.Started.class, e -> true).payload();
            assertThat(started.target()).isEqualTo(target);
            assertThat(started.trigger()).contains("escalated after 4 restarts").contains("poisoned");
            assertThat(started.steps()).containsExactly("restore-checkpoint", "manual-intervention");
            RecoveryEvent.StepStarted step =
                    probe.await(RecoveryEvent.StepStarted.class, e -> true).payload();
            assertThat(step.step()).isEqualTo("restore-checkpoint");
            assertThat(step.rollback()).isEqualTo(Rollback.NEVER);
            RecoveryEvent.StepFinished finished =
                    probe.await(RecoveryEvent.StepFinished.class, e -> true).payload();
            assertThat(finished.outcome()).isEqualTo(StepOutcome.RECOVERED);
            assertThat(finished.detail()).contains("checkpoint #2");

            // #3 (poison) failed every restart and was taken as the failures began: #2 is the last good.
            probe.awaitEver(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("store") && e.to() == ComponentState.RUNNING && e.generation() > 1);
            probe.awaitEver(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("api") && e.to() == ComponentState.RUNNING && e.generation() > 1);
            assertThat(store.restoredFrom).containsExactly(3L, 3L, 3L, 2L);
            assertThat(store.state).isEqualTo("v2");
            assertThat(system.recovery().status(target))
                    .hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(RecoveryPhase.WATCHING));

            time.advance(STABLE);
            RecoveryEvent.Ended ended =
                    probe.await(RecoveryEvent.Ended.class, e -> true).payload();
            assertThat(ended.resolution()).isEqualTo(RecoveryEvent.Resolution.RECOVERED);
            assertThat(ended.detail()).isEqualTo("by step restore-checkpoint");
            assertThat(system.recovery().active()).isEmpty();
            assertThat(probe.seen(RecoveryEvent.ManualInterventionRequired.class))
                    .isEmpty();
        }
    }

    @Test
    void a_damaged_checkpoint_is_skipped_and_the_one_before_it_restored() throws Exception {
        Store store = new Store();
        try (AgentSystem system = builder().component(store).build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            takeCheckpoints(store, probe);
            StateStore stateStore = system.service(StateStore.class);
            byte[] damaged = stateStore
                    .get("armature.checkpoints", "store#2")
                    .orElseThrow()
                    .value();
            damaged[damaged.length / 2] ^= 0x5A;
            stateStore.put("armature.checkpoints", "store#2", damaged);
            Objects.requireNonNull(store.context).reportFailure(new IllegalStateException("crashed"));
            walkSupervisorSchedule(probe);

            ComponentEvent.CheckpointSkipped skipped = probe.await(ComponentEvent.CheckpointSkipped.class, e -> true)
                    .payload();
            assertThat(skipped.slot()).isEqualTo(2);
            RecoveryEvent.StepFinished finished =
                    probe.await(RecoveryEvent.StepFinished.class, e -> true).payload();
            assertThat(finished.outcome()).isEqualTo(StepOutcome.RECOVERED);
            assertThat(finished.detail()).contains("checkpoint #1");
            probe.awaitEver(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("store") && e.to() == ComponentState.RUNNING && e.generation() > 1);
            assertThat(store.state).isEqualTo("v1");
        }
    }

    @Test
    void in_safe_mode_a_non_essential_component_is_not_restarted_from_its_checkpoint() throws Exception {
        Store store = new Store(false);
        RecoveryTarget target = RecoveryTarget.component("store");
        try (AgentSystem system = builder()
                        .component(store)
                        .addRecoveryChain(RecoveryChain.of(
                                target,
                                RecoverySteps.safeMode(),
                                RecoverySteps.restoreCheckpoint(),
                                RecoverySteps.manualIntervention()))
                        .build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            takeCheckpoints(store, probe);
            Objects.requireNonNull(store.context).reportFailure(new IllegalStateException("crashed"));
            walkSupervisorSchedule(probe);

            probe.await(RecoveryEvent.ManualInterventionRequired.class, e -> true);
            assertThat(probe.seen(RecoveryEvent.StepFinished.class))
                    .extracting(RecoveryEvent.StepFinished::step, RecoveryEvent.StepFinished::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("safe-mode", StepOutcome.CONTINUE),
                            org.assertj.core.groups.Tuple.tuple("restore-checkpoint", StepOutcome.FAILED),
                            org.assertj.core.groups.Tuple.tuple("manual-intervention", StepOutcome.PAUSE));
            assertThat(probe.seen(RecoveryEvent.StepFinished.class).get(1).detail())
                    .contains("safe mode keeps non-essential components stopped");
            assertThat(store.restoredFrom).containsExactly(3L, 3L, 3L);

            system.recovery().resume(target, "looked at it");
            probe.await(RecoveryEvent.Ended.class, e -> true);
            assertThat(system.emergency().safeMode()).isEmpty();
        }
    }

    @Test
    void with_no_good_checkpoint_automation_pauses_for_a_person_who_ends_it() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        TestComponent flaky = new TestComponent(ComponentDescriptor.builder("flaky")
                        .restartPolicy(RestartPolicy.DEFAULT
                                .withBackoff(Backoff.fixed(Duration.ofSeconds(1)))
                                .withIntensity(new RestartIntensity(1, Duration.ofMinutes(1))))
                        .build())
                .onStart(c -> {
                    if (starts.incrementAndGet() > 1) {
                        throw new IllegalStateException("still broken");
                    }
                });
        try (AgentSystem system = builder().component(flaky).build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            flaky.context().reportFailure(new IllegalStateException("broke"));
            probe.await(ComponentEvent.RestartScheduled.class, e -> true);
            time.advance(Duration.ofSeconds(1));

            RecoveryEvent.ManualInterventionRequired manual = probe.await(
                            RecoveryEvent.ManualInterventionRequired.class, e -> true)
                    .payload();
            assertThat(manual.stepsTried()).containsExactly("restore-checkpoint", "manual-intervention");
            assertThat(probe.seen(RecoveryEvent.StepFinished.class))
                    .extracting(RecoveryEvent.StepFinished::outcome)
                    .containsExactly(StepOutcome.SKIPPED, StepOutcome.PAUSE);
            RecoveryTarget target = RecoveryTarget.component("flaky");
            assertThat(system.recovery().status(target))
                    .hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(RecoveryPhase.PAUSED));

            MeterRegistry meters = system.service(MeterRegistry.class);
            assertThat(meters.get("armature.recovery.steps")
                            .tags("step", "manual-intervention", "outcome", "pause")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("armature.recovery.active").gauge().value()).isEqualTo(1.0);

            assertThat(system.recovery().resume(target, "replaced the disk")).isTrue();
            RecoveryEvent.Ended ended =
                    probe.await(RecoveryEvent.Ended.class, e -> true).payload();
            assertThat(ended.resolution()).isEqualTo(RecoveryEvent.Resolution.RESUMED);
            assertThat(ended.detail()).isEqualTo("replaced the disk");
            assertThat(system.recovery().resume(target, "again")).isFalse();
        }
    }

    @Test
    void a_guards_chain_answers_with_its_last_good_value_until_the_circuit_closes() throws Exception {
        RecoveryTarget target = RecoveryTarget.guard("model.chat");
        try (AgentSystem system = builder()
                        .systemProperties(Map.of(
                                "armature.guards.model.chat.retry.max-attempts", "1",
                                "armature.guards.model.chat.circuit-breaker.consecutive-failures", "2",
                                "armature.guards.model.chat.circuit-breaker.wait-in-open", "10s",
                                "armature.guards.model.chat.circuit-breaker.max-concurrent-probes", "1"))
                        .addRecoveryChain(RecoveryChain.of(
                                target, RecoverySteps.lastGood("model.chat"), RecoverySteps.manualIntervention()))
                        .build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            Guard chat = system.guard("model.chat");
            assertThat(chat.<String>call(() -> "the last good answer")).isEqualTo("the last good answer");
            for (int i = 0; i < 2; i++) {
                // The call's own fallback comes first, however soon the recovery's is in force.
                assertThat(chat.<String>call(
                                () -> {
                                    throw new IllegalStateException("model down");
                                },
                                failure -> "the caller's fallback"))
                        .isEqualTo("the caller's fallback");
            }
            probe.await(RecoveryEvent.ManualInterventionRequired.class, e -> true);
            assertThat(probe.seen(RecoveryEvent.StepFinished.class))
                    .extracting(RecoveryEvent.StepFinished::step, RecoveryEvent.StepFinished::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("last-good", StepOutcome.CONTINUE),
                            org.assertj.core.groups.Tuple.tuple("manual-intervention", StepOutcome.PAUSE));
            // Rejected by the open circuit, answered by the recovery instead.
            assertThat(chat.<String>call(() -> "unreached")).isEqualTo("the last good answer");

            time.advance(Duration.ofSeconds(10).plusMillis(1)); // Resilience4j waits strictly longer
            assertThat(chat.<String>call(() -> "fresh")).isEqualTo("fresh"); // the probe closes it
            RecoveryEvent.RolledBack rolledBack =
                    probe.await(RecoveryEvent.RolledBack.class, e -> true).payload();
            assertThat(rolledBack.step()).isEqualTo("last-good");
            assertThat(rolledBack.succeeded()).isTrue();
            RecoveryEvent.Ended ended =
                    probe.await(RecoveryEvent.Ended.class, e -> true).payload();
            assertThat(ended.resolution()).isEqualTo(RecoveryEvent.Resolution.HEALED);
            assertThat(chat.circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThatThrownBy(() -> chat.call(() -> {
                        throw new IllegalStateException("model down");
                    }))
                    .as("the fallback ended with the recovery")
                    .isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(GuardRejectedException.class);
        }
    }

    /** A host step that switches to a backup, undone when the target fails again. */
    private static final class SwitchToBackup implements RecoveryStep {
        final AtomicInteger switched = new AtomicInteger();
        final AtomicInteger undone = new AtomicInteger();

        @Override
        public String name() {
            return "switch-to-backup";
        }

        @Override
        public Rollback rollback() {
            return Rollback.ON_DEVIATION;
        }

        @Override
        public StepResult run(RecoveryContext context) {
            switched.incrementAndGet();
            return StepResult.recovered("routing to the backup");
        }

        @Override
        public void undo(RecoveryContext context) {
            undone.incrementAndGet();
        }
    }

    @Test
    void a_step_that_declared_on_deviation_is_undone_when_its_target_fails_again() throws Exception {
        Fingerprint fp = Fingerprint.parse("v1:00112233aabbccdd");
        RecoveryTarget target = RecoveryTarget.fingerprint(fp);
        SwitchToBackup backup = new SwitchToBackup();
        try (AgentSystem system = builder()
                        .addRecoveryChain(RecoveryChain.of(target, backup, RecoverySteps.manualIntervention()))
                        .build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            system.events().publish("errors", new ErrorFinding.NewError(fp, "java.io.IOException", "model.chat"));
            RecoveryEvent.StepFinished recovered =
                    probe.await(RecoveryEvent.StepFinished.class, e -> true).payload();
            assertThat(recovered.outcome()).isEqualTo(StepOutcome.RECOVERED);
            assertThat(system.recovery().status(target))
                    .hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(RecoveryPhase.WATCHING));

            system.events().publish("errors", new ErrorFinding.NewError(fp, "java.io.IOException", "model.chat"));
            RecoveryEvent.Deviated deviated =
                    probe.await(RecoveryEvent.Deviated.class, e -> true).payload();
            assertThat(deviated.step()).isEqualTo("switch-to-backup");
            RecoveryEvent.RolledBack rolledBack =
                    probe.await(RecoveryEvent.RolledBack.class, e -> true).payload();
            assertThat(rolledBack.why()).isEqualTo("the target failed again");
            probe.await(RecoveryEvent.ManualInterventionRequired.class, e -> true);
            assertThat(backup.switched).hasValue(1);
            assertThat(backup.undone).hasValue(1);
        }
    }

    @Test
    void a_safe_mode_step_enters_safe_mode_and_the_end_of_the_recovery_leaves_it() throws Exception {
        RecoveryTarget target = RecoveryTarget.guard("search");
        try (AgentSystem system = builder()
                        .addRecoveryChain(
                                RecoveryChain.of(target, RecoverySteps.safeMode(), RecoverySteps.manualIntervention()))
                        .build();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            assertThat(system.recovery().trigger(target, "drill")).isTrue();
            assertThat(system.recovery().trigger(target, "drill again")).isFalse();
            probe.await(RecoveryEvent.ManualInterventionRequired.class, e -> true);
            assertThat(system.emergency().safeMode())
                    .hasValueSatisfying(
                            m -> assertThat(m.reason()).contains("guard:search").contains("drill"));

            system.recovery().resume(target, "drill over");
            probe.await(RecoveryEvent.Ended.class, e -> true);
            assertThat(probe.seen(RecoveryEvent.RolledBack.class))
                    .extracting(RecoveryEvent.RolledBack::step)
                    .containsExactly("safe-mode");
            assertThat(system.emergency().safeMode()).isEmpty();
        }
    }

    @Test
    void chains_are_checked_when_they_are_bound() {
        RecoveryTarget target = RecoveryTarget.component("nobody");
        assertThatThrownBy(() -> RecoveryChain.of(target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no step");
        assertThatThrownBy(() -> RecoveryChain.of(
                        target, RecoverySteps.manualIntervention(), RecoverySteps.manualIntervention()))
                .hasMessageContaining("two steps named manual-intervention");
        assertThatThrownBy(() -> builder()
                        .component(new Store())
                        .addRecoveryChain(RecoveryChain.of(target, RecoverySteps.manualIntervention()))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("component:nobody")
                .hasMessageContaining("[store]");
    }

    @Test
    void a_trigger_by_hand_needs_a_chain() {
        try (AgentSystem system = builder().build()) {
            system.start();
            assertThatThrownBy(() -> system.recovery().trigger(RecoveryTarget.guard("unbound"), "test"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no recovery chain is bound to guard:unbound");
        }
    }
}
