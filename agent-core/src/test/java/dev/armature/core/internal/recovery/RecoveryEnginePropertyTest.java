package dev.armature.core.internal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Checkpoint;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.EventListener;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryPhase;
import dev.armature.api.resilience.RecoveryStatus;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.resilience.Rollback;
import dev.armature.api.resilience.StepOutcome;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.resilience.RecoveryChain;
import dev.armature.spi.resilience.RecoveryContext;
import dev.armature.spi.resilience.RecoveryStep;
import dev.armature.spi.resilience.StepResult;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The recovery walk as a state machine: any sequence of failures, heals, resumptions and passing
 * time, with steps whose outcomes and rollbacks are drawn at random, keeps the walk's contracts —
 * one recovery per target at a time, every recovery that starts ends, every acted stopgap undone
 * exactly once, a bet undone when it deviated, a repair never undone, the status matching the
 * events. Steps run on the calling thread, so each action's consequences are complete when it
 * returns.
 */
class RecoveryEnginePropertyTest {
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final RecoveryTarget TARGET = RecoveryTarget.fingerprint(Fingerprint.parse("v1:0123456789abcdef"));

    enum Action {
        FAIL,
        HEAL,
        RESUME,
        PASS_STABLE_PERIOD
    }

    enum Scripted {
        RECOVERED,
        CONTINUE,
        SKIPPED,
        FAILED,
        THROWS,
        PAUSE
    }

    /** A step whose outcomes are scripted, cycling, and which counts its undos. */
    record ScriptedStep(
            String name,
            Rollback rollback,
            List<Scripted> script,
            boolean undoThrows,
            AtomicInteger runs,
            List<String> undos)
            implements RecoveryStep {
        @Override
        public StepResult run(RecoveryContext context) {
            Scripted next = script.get(runs.getAndIncrement() % script.size());
            return switch (next) {
                case RECOVERED -> StepResult.recovered("recovered");
                case CONTINUE -> StepResult.proceed("acted");
                case SKIPPED -> StepResult.skipped("not for this");
                case FAILED -> StepResult.failed("failed");
                case THROWS -> throw new IllegalStateException("step threw");
                case PAUSE -> StepResult.pause("a person is needed");
            };
        }

        @Override
        public void undo(RecoveryContext context) {
            undos.add(name);
            if (undoThrows) {
                throw new IllegalStateException("undo threw");
            }
        }
    }

    @Provide
    Arbitrary<List<ScriptedStep>> chains() {
        Arbitrary<ScriptedStep> step = Combinators.combine(
                        Arbitraries.of(Rollback.class),
                        Arbitraries.of(Scripted.class).list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(true, false))
                .as((rollback, script, undoThrows) ->
                        new ScriptedStep("s", rollback, script, undoThrows, new AtomicInteger(), List.of()));
        return step.list().ofMinSize(1).ofMaxSize(4).map(steps -> {
            List<ScriptedStep> named = new ArrayList<>();
            List<String> undos = new ArrayList<>(); // shared, in the order undone
            for (int i = 0; i < steps.size(); i++) {
                ScriptedStep s = steps.get(i);
                named.add(new ScriptedStep(
                        "step-" + i, s.rollback(), s.script(), s.undoThrows(), new AtomicInteger(), undos));
            }
            return named;
        });
    }

    @Property(tries = 300)
    void the_walk_keeps_its_contracts(
            @ForAll("chains") List<ScriptedStep> steps, @ForAll("actions") List<Action> actions) {
        ManualTime time = ManualTime.create();
        List<Event> events = new ArrayList<>();
        RecoveryEngine engine = new RecoveryEngine(
                noSystem(),
                new RecordingBus(events),
                time,
                time,
                Runnable::run,
                new NoGuards(),
                new NoComponents(),
                Map.of(TARGET, new RecoveryChain(TARGET, List.copyOf(steps))),
                () -> STABLE,
                (step, outcome) -> {});
        Map<String, Rollback> rollbacks = new HashMap<>();
        steps.forEach(s -> rollbacks.put(s.name(), s.rollback()));
        Map<String, Boolean> undoWorks = new HashMap<>();
        steps.forEach(s -> undoWorks.put(s.name(), !s.undoThrows()));
        for (Action action : actions) {
            switch (action) {
                case FAIL -> engine.failed(TARGET, "failed again");
                case HEAL -> engine.healed(TARGET, "well again");
                case RESUME -> engine.resume(TARGET, "a person did it");
                case PASS_STABLE_PERIOD -> time.advance(STABLE);
            }
            checkEvents(events, rollbacks);
            checkStatus(engine.status(TARGET), events);
        }
        engine.stop();
        checkEvents(events, rollbacks);
        events.stream()
                .filter(e -> e instanceof RecoveryEvent.RolledBack)
                .map(e -> (RecoveryEvent.RolledBack) e)
                .forEach(r -> assertThat(r.succeeded())
                        .as("whether undoing %s worked", r.step())
                        .isEqualTo(undoWorks.get(r.step())));
        assertThat(steps.get(0).undos()).as("an undo for each RolledBack event").hasSize((int) events.stream()
                .filter(e -> e instanceof RecoveryEvent.RolledBack)
                .count());
        assertThat(engine.active()).isEmpty();
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMaxSize(25);
    }

    /** Walks the events once, recovery by recovery, checking what each must contain. */
    private static void checkEvents(List<Event> events, Map<String, Rollback> rollbacks) {
        boolean open = false;
        List<String> toUndoAtEnd = new ArrayList<>();
        List<String> undoneAtEnd = new ArrayList<>();
        String expectUndoFor = null;
        String expectWhy = null;
        String lastFinished = null;
        for (Event e : events) {
            if (expectUndoFor != null) {
                assertThat(e)
                        .as("the undo of %s (%s) comes next", expectUndoFor, expectWhy)
                        .isInstanceOf(RecoveryEvent.RolledBack.class);
                RecoveryEvent.RolledBack r = (RecoveryEvent.RolledBack) e;
                assertThat(r.step()).isEqualTo(expectUndoFor);
                assertThat(r.why()).isEqualTo(expectWhy);
                expectUndoFor = null;
                continue;
            }
            if (e instanceof RecoveryEvent.Started) {
                assertThat(open)
                        .as("a second recovery started before the first ended")
                        .isFalse();
                open = true;
                toUndoAtEnd.clear();
                undoneAtEnd.clear();
            } else if (e instanceof RecoveryEvent.StepFinished f) {
                assertThat(open).isTrue();
                lastFinished = f.step();
                Rollback rollback = rollbacks.get(f.step());
                boolean acted = f.outcome() == StepOutcome.RECOVERED
                        || f.outcome() == StepOutcome.CONTINUE
                        || f.outcome() == StepOutcome.PAUSE;
                if (f.outcome() == StepOutcome.FAILED && rollback != Rollback.NEVER) {
                    expectUndoFor = f.step();
                    expectWhy = "the step failed";
                } else if (acted && rollback == Rollback.ALWAYS) {
                    toUndoAtEnd.add(0, f.step());
                }
            } else if (e instanceof RecoveryEvent.Deviated d) {
                assertThat(d.step()).isEqualTo(lastFinished);
                if (rollbacks.get(d.step()) == Rollback.ON_DEVIATION) {
                    expectUndoFor = d.step();
                    expectWhy = "the target failed again";
                }
            } else if (e instanceof RecoveryEvent.RolledBack r) {
                assertThat(r.why()).isEqualTo("the recovery ended");
                assertThat(rollbacks.get(r.step())).isEqualTo(Rollback.ALWAYS);
                undoneAtEnd.add(r.step());
            } else if (e instanceof RecoveryEvent.Ended ended) {
                assertThat(open).as("an end without a start").isTrue();
                open = false;
                if (ended.resolution() != RecoveryEvent.Resolution.ABANDONED) {
                    assertThat(undoneAtEnd)
                            .as("the stopgaps undone, last first")
                            .isEqualTo(toUndoAtEnd);
                } else {
                    assertThat(undoneAtEnd).isEmpty();
                }
            }
        }
        assertThat(expectUndoFor).as("an undo that never came").isNull();
    }

    private static void checkStatus(Optional<RecoveryStatus> status, List<Event> events) {
        Event last = null;
        boolean open = false;
        for (Event e : events) {
            if (e instanceof RecoveryEvent.Started) {
                open = true;
            } else if (e instanceof RecoveryEvent.Ended) {
                open = false;
            }
            last = e;
        }
        assertThat(status.isPresent()).as("a status while a recovery is open").isEqualTo(open);
        if (status.isPresent() && status.get().phase() == RecoveryPhase.PAUSED) {
            assertThat(last).isInstanceOf(RecoveryEvent.ManualInterventionRequired.class);
        }
        if (status.isPresent() && status.get().phase() == RecoveryPhase.WATCHING) {
            assertThat(last).isInstanceOfSatisfying(RecoveryEvent.StepFinished.class, f -> assertThat(f.outcome())
                    .isEqualTo(StepOutcome.RECOVERED));
        }
    }

    private static AgentSystem noSystem() {
        return (AgentSystem) Proxy.newProxyInstance(
                AgentSystem.class.getClassLoader(), new Class<?>[] {AgentSystem.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Records what is published; delivers nothing, as the engine is driven directly. */
    private record RecordingBus(List<Event> events) implements EventBus {
        @Override
        public <E extends Event> EventEnvelope<E> publish(String source, Optional<String> correlationId, E event) {
            events.add(event);
            return new EventEnvelope<>(
                    new UUID(0, events.size()),
                    events.size(),
                    ManualTime.DEFAULT_START,
                    source,
                    correlationId,
                    event.type(),
                    event);
        }

        @Override
        public <E extends Event> Subscription subscribe(
                Class<E> type, SubscribeOptions options, EventListener<E> listener) {
            throw new UnsupportedOperationException("the engine is driven directly here");
        }
    }

    private static final class NoGuards implements RecoveryEngine.GuardActions {
        @Override
        public void rememberLastGood(String guard) {}

        @Override
        public void answerWith(String guard, Function<Throwable, ?> answer) {}

        @Override
        public boolean answerWithLastGood(String guard) {
            return false;
        }

        @Override
        public void stopAnswering(String guard) {}

        @Override
        public CircuitState circuitState(String guard) {
            return CircuitState.CLOSED;
        }
    }

    private static final class NoComponents implements RecoveryEngine.Components {
        @Override
        public Optional<Checkpoint> restartFromLastGoodCheckpoint(String component) {
            return Optional.empty();
        }

        @Override
        public boolean running(String component) {
            return false;
        }
    }
}
