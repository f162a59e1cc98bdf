package dev.armature.spi.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Checkpoint;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.resilience.Rollback;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The built-in recovery steps.
 *
 * <table>
 *   <caption>Built-in steps</caption>
 *   <tr><th>step</th><th>name</th><th>outcome</th><th>rollback</th></tr>
 *   <tr><td>{@link #fallback(String, Object)}, {@link #fallback(String, Supplier)}</td><td>fallback</td>
 *       <td>continue</td><td>always: the guard stops answering when the recovery ends</td></tr>
 *   <tr><td>{@link #lastGood(String)}</td><td>last-good</td><td>continue, or skipped when the guard
 *       never succeeded</td><td>always</td></tr>
 *   <tr><td>{@link #restoreCheckpoint()}</td><td>restore-checkpoint</td><td>recovered, or skipped
 *       when there is no last good checkpoint</td><td>never</td></tr>
 *   <tr><td>{@link #safeMode()}</td><td>safe-mode</td><td>continue, or skipped when the system is in
 *       safe mode already</td><td>always: safe mode ends with the recovery</td></tr>
 *   <tr><td>{@link #manualIntervention()}</td><td>manual-intervention</td><td>pause</td>
 *       <td>never</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class RecoverySteps {
    private RecoverySteps() {}

    /**
     * A guard answers failed calls with a fixed value while the recovery lasts.
     *
     * @param guard the guard's name
     * @param value the answer
     * @return the step
     */
    public static RecoveryStep fallback(String guard, Object value) {
        requireNonNull(value, "value");
        return fallback(guard, failure -> value, "a fixed value");
    }

    /**
     * A guard answers failed calls with a supplier's value while the recovery lasts.
     *
     * @param guard the guard's name
     * @param answer supplies each answer
     * @return the step
     */
    public static RecoveryStep fallback(String guard, Supplier<?> answer) {
        requireNonNull(answer, "answer");
        return fallback(guard, failure -> answer.get(), "a supplied value");
    }

    private static RecoveryStep fallback(String guard, Function<Throwable, ?> answer, String what) {
        requireNonNull(guard, "guard");
        return new GuardFallback("fallback", guard) {
            @Override
            public StepResult run(RecoveryContext context) {
                context.answerWith(guard, answer);
                return StepResult.proceed("guard " + guard + " answers failed calls with " + what);
            }
        };
    }

    /**
     * A guard answers failed calls with the value of its last successful call while the recovery
     * lasts.
     *
     * @param guard the guard's name
     * @return the step
     */
    public static RecoveryStep lastGood(String guard) {
        requireNonNull(guard, "guard");
        return new GuardFallback("last-good", guard) {
            @Override
            public void prepare(RecoveryPreparation preparation) {
                preparation.rememberLastGood(guard);
            }

            @Override
            public StepResult run(RecoveryContext context) {
                if (context.answerWithLastGood(guard)) {
                    return StepResult.proceed("guard " + guard + " answers failed calls with its last good answer");
                }
                return StepResult.skipped("guard " + guard + " has no successful call to fall back on");
            }
        };
    }

    /** A step that makes a guard answer, undone by making it stop. */
    private abstract static class GuardFallback implements RecoveryStep {
        private final String name;
        private final String guard;

        GuardFallback(String name, String guard) {
            this.name = name;
            this.guard = guard;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Rollback rollback() {
            return Rollback.ALWAYS;
        }

        @Override
        public void undo(RecoveryContext context) {
            context.stopAnswering(guard);
        }
    }

    /**
     * Starts the target component again from its last good checkpoint; on a guard's or a
     * fingerprint's chain, use {@link #restoreCheckpoint(String)}.
     *
     * @return the step
     */
    public static RecoveryStep restoreCheckpoint() {
        return restore(null);
    }

    /**
     * Starts a named component again from its last good checkpoint.
     *
     * @param component the component's name
     * @return the step
     */
    public static RecoveryStep restoreCheckpoint(String component) {
        return restore(requireNonNull(component, "component"));
    }

    private static RecoveryStep restore(@Nullable String component) {
        return new RecoveryStep() {
            @Override
            public String name() {
                return "restore-checkpoint";
            }

            @Override
            public Rollback rollback() {
                return Rollback.NEVER;
            }

            @Override
            public StepResult run(RecoveryContext context) {
                String name = component;
                if (name == null) {
                    RecoveryTarget target = context.target();
                    if (target.kind() != RecoveryTarget.Kind.COMPONENT) {
                        return StepResult.skipped(target + " is not a component; name one in the step");
                    }
                    name = target.name();
                }
                Optional<Checkpoint> restored = context.restartFromLastGoodCheckpoint(name);
                if (restored.isEmpty()) {
                    return StepResult.skipped(
                            "component " + name + " has no intact checkpoint from before its failures");
                }
                Checkpoint c = restored.get();
                return StepResult.recovered("restarted component " + name + " from checkpoint #" + c.sequence()
                        + " taken at " + c.takenAt());
            }
        };
    }

    /**
     * Enters safe mode; it ends with the recovery.
     *
     * @return the step
     */
    public static RecoveryStep safeMode() {
        return new RecoveryStep() {
            @Override
            public String name() {
                return "safe-mode";
            }

            @Override
            public Rollback rollback() {
                return Rollback.ALWAYS;
            }

            @Override
            public StepResult run(RecoveryContext context) {
                String reason = "recovery of " + context.target() + ": " + context.trigger();
                if (context.system().emergency().enterSafeMode(reason)) {
                    return StepResult.proceed("entered safe mode");
                }
                return StepResult.skipped("the system is in safe mode already");
            }

            @Override
            public void undo(RecoveryContext context) {
                context.system().emergency().exitSafeMode();
            }
        };
    }

    /**
     * Stops automation and asks for a person.
     *
     * @return the step
     */
    public static RecoveryStep manualIntervention() {
        return new RecoveryStep() {
            @Override
            public String name() {
                return "manual-intervention";
            }

            @Override
            public Rollback rollback() {
                return Rollback.NEVER;
            }

            @Override
            public StepResult run(RecoveryContext context) {
                return StepResult.pause("automation paused: " + context.target()
                        + " needs a person, who ends the recovery with system.recovery().resume(target, note)");
            }
        };
    }
}
