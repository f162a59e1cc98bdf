package dev.armature.spi.resilience;

import dev.armature.api.resilience.Rollback;

/**
 * One step of a recovery chain: an action that may bring a target back, with its declared
 * rollback. Steps of one target never run concurrently; they run on the system's worker pool, so a
 * step may block, but a step that waits long delays the chain behind it.
 *
 * <pre>{@code
 * RecoveryStep backupModel = new RecoveryStep() {
 *     public String name() { return "switch-to-backup-model"; }
 *     public Rollback rollback() { return Rollback.ON_DEVIATION; }
 *     public StepResult run(RecoveryContext context) {
 *         router.useBackup();
 *         return StepResult.recovered("routing to the backup model");
 *     }
 *     public void undo(RecoveryContext context) { router.usePrimary(); }
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface RecoveryStep {
    /**
     * Returns the step's name, as events show it: lower-case words joined by hyphens.
     *
     * @return the name
     */
    String name();

    /**
     * Returns when the step's action is undone.
     *
     * @return the declared rollback
     */
    Rollback rollback();

    /**
     * Declares, once when the system is built, what the step will need when it runs.
     *
     * @param preparation where to declare it
     */
    default void prepare(RecoveryPreparation preparation) {}

    /**
     * Acts.
     *
     * @param context the target, the trigger and the actions the system offers
     * @return what the step achieved
     * @throws Exception if it failed, which counts as {@link StepResult#failed}
     */
    StepResult run(RecoveryContext context) throws Exception;

    /**
     * Undoes what {@link #run} did, when the declared {@link #rollback()} says so; called only after
     * a run that acted (recovered, continued or failed), never after a skipped one.
     *
     * @param context the same context the run had
     * @throws Exception if the undo failed; it is logged and the chain goes on
     */
    default void undo(RecoveryContext context) throws Exception {}
}
