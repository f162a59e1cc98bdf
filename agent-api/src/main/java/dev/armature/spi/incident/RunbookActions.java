package dev.armature.spi.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.resilience.Guard;
import java.util.Optional;

/**
 * The built-in actions of runbooks; hosts write their own {@link RunbookAction}s beside them.
 *
 * <table>
 *   <caption>Built-in actions</caption>
 *   <tr><th>action</th><th>does</th><th>rollback</th></tr>
 *   <tr><td>{@link #restartComponent(String)}</td><td>{@code system.restart(component, …)}</td><td>none</td></tr>
 *   <tr><td>{@link #openCircuit(String)}</td><td>forces the guard's circuit open, held as
 *       {@value #HOLDER}</td><td>releases that hold</td></tr>
 *   <tr><td>{@link #closeCircuit(String)}</td><td>releases the {@value #HOLDER} hold and closes the
 *       breaker; a hold of safe mode stays</td><td>none</td></tr>
 *   <tr><td>{@link #rollbackConfig(long)}</td><td>{@code system.config().rollback(version)}</td>
 *       <td>none: a refused rollback changed nothing</td></tr>
 *   <tr><td>{@link #enterSafeMode()}</td><td>{@code system.emergency().enterSafeMode(…)}</td><td>none</td></tr>
 *   <tr><td>{@link #exitSafeMode()}</td><td>{@code system.emergency().exitSafeMode()}</td><td>none</td></tr>
 * </table>
 *
 * <p>Each is idempotent: a second run finds the system as the first left it and changes nothing.
 *
 * @since 0.1
 */
public final class RunbookActions {
    /** The holder under which runbooks force circuits open, apart from safe mode's. */
    public static final String HOLDER = "runbook";

    private RunbookActions() {}

    private static String because(RunbookContext context) {
        return "runbook for incident " + context.incident().id();
    }

    /**
     * Restarts a component.
     *
     * @param component the component's name
     * @return the action
     */
    public static RunbookAction restartComponent(String component) {
        requireNonNull(component, "component");
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                boolean began = context.system().restart(component, because(context));
                return began
                        ? "restarting component " + component
                        : "component " + component + " is already starting, restarting or stopping";
            }

            @Override
            public String describe(RunbookContext context) {
                return "restart component " + component;
            }
        };
    }

    /**
     * Forces a guard's circuit open, so that calls fail fast; its rollback releases the hold.
     *
     * @param guard the guard's name
     * @return the action
     */
    public static RunbookAction openCircuit(String guard) {
        requireNonNull(guard, "guard");
        RunbookAction release = new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                Guard g = context.system().guard(guard);
                return g.releaseForce(HOLDER, because(context))
                        ? "released the runbook's hold on the circuit of guard " + guard + "; it is now "
                                + g.circuitState()
                        : "the runbook held no circuit of guard " + guard + " open";
            }

            @Override
            public String describe(RunbookContext context) {
                return "release the runbook's hold on the circuit of guard " + guard;
            }
        };
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                return context.system().guard(guard).forceOpen(HOLDER, because(context))
                        ? "forced the circuit of guard " + guard + " open"
                        : "the circuit of guard " + guard + " was already held open by a runbook";
            }

            @Override
            public String describe(RunbookContext context) {
                return "force the circuit of guard " + guard + " open";
            }

            @Override
            public Optional<RunbookAction> rollback() {
                return Optional.of(release);
            }
        };
    }

    /**
     * Closes a guard's circuit: releases a runbook's hold and moves the breaker to CLOSED. A circuit
     * that safe mode holds open stays open until safe mode ends.
     *
     * @param guard the guard's name
     * @return the action
     */
    public static RunbookAction closeCircuit(String guard) {
        requireNonNull(guard, "guard");
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                Guard g = context.system().guard(guard);
                var unused = g.releaseForce(HOLDER, because(context));
                g.closeCircuit(because(context));
                return "closed the circuit of guard " + guard + "; it is now " + g.circuitState();
            }

            @Override
            public String describe(RunbookContext context) {
                return "close the circuit of guard " + guard;
            }
        };
    }

    /**
     * Rolls the configuration back to an earlier version.
     *
     * @param version the version to return to
     * @return the action; it fails when the rollback is refused
     */
    public static RunbookAction rollbackConfig(long version) {
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                ConfigUpdate update = context.system().config().rollback(version);
                if (update.outcome() == ConfigUpdate.Outcome.REJECTED) {
                    throw new IllegalStateException("the rollback to configuration version " + version
                            + " was refused: " + update.violations());
                }
                return "rolled the configuration back to version " + version + " (" + update.outcome()
                        + ", now version " + update.version() + ")";
            }

            @Override
            public String describe(RunbookContext context) {
                return "roll the configuration back to version " + version;
            }
        };
    }

    /**
     * Enters safe mode, with the incident as the reason.
     *
     * @return the action
     */
    public static RunbookAction enterSafeMode() {
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                String reason = because(context) + ": " + context.incident().title();
                return context.system().emergency().enterSafeMode(reason)
                        ? "entered safe mode"
                        : "the system was in safe mode already";
            }

            @Override
            public String describe(RunbookContext context) {
                return "enter safe mode";
            }
        };
    }

    /**
     * Leaves safe mode.
     *
     * @return the action
     */
    public static RunbookAction exitSafeMode() {
        return new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                return context.system().emergency().exitSafeMode()
                        ? "left safe mode"
                        : "the system was not in safe mode";
            }

            @Override
            public String describe(RunbookContext context) {
                return "exit safe mode";
            }
        };
    }
}
