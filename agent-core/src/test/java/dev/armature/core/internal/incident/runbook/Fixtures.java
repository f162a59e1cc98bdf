package dev.armature.core.internal.incident.runbook;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Incidents and recording actions for runbook tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Incident incident(String id) {
        Instant at = ManualTime.DEFAULT_START;
        return new Incident(
                id,
                IncidentKey.of(IncidentKey.Kind.GUARD, "model.chat"),
                "model calls fail",
                Severity.SEV2,
                Priority.P1,
                IncidentState.TRIGGERED,
                true,
                at,
                at,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of());
    }

    /** What recording actions did, in order: {@code name} for a run, {@code undo-name} for a rollback. */
    public static final class Calls {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();

        public List<String> list() {
            return List.copyOf(calls);
        }

        public RunbookAction passing(String name) {
            return action(name, false, false, false);
        }

        public RunbookAction failing(String name, boolean withRollback) {
            return action(name, true, withRollback, false);
        }

        public RunbookAction passingWithRollback(String name) {
            return action(name, false, true, false);
        }

        /** An action that fails, whose rollback fails too. */
        public RunbookAction failingWithFailingRollback(String name) {
            return action(name, true, true, true);
        }

        private RunbookAction action(String name, boolean fails, boolean withRollback, boolean rollbackFails) {
            RunbookAction undo = new RunbookAction() {
                @Override
                public String run(RunbookContext context) {
                    calls.add("undo-" + name);
                    if (rollbackFails) {
                        throw new IllegalStateException("undo of " + name + " broke");
                    }
                    return "undid " + name;
                }

                @Override
                public String describe(RunbookContext context) {
                    return "undo " + name;
                }
            };
            return new RunbookAction() {
                @Override
                public String run(RunbookContext context) {
                    calls.add(name);
                    if (fails) {
                        throw new IllegalStateException(name + " broke");
                    }
                    return "did " + name;
                }

                @Override
                public String describe(RunbookContext context) {
                    return "do " + name;
                }

                @Override
                public Optional<RunbookAction> rollback() {
                    return withRollback ? Optional.of(undo) : Optional.empty();
                }
            };
        }
    }
}
