package dev.armature.spi.incident;

import static java.util.Objects.requireNonNull;

/**
 * A probe of a runbook: it looks, changes nothing, and passes or fails with a detail. A failing
 * check ends the run.
 *
 * <pre>{@code
 * RunbookCheck modelDown = context -> context.system().guard("model.chat").circuitState().isOpen()
 *         ? RunbookCheck.Result.passed("the circuit is open")
 *         : RunbookCheck.Result.failed("the circuit is closed; this runbook does not apply");
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RunbookCheck {
    /**
     * Looks.
     *
     * @param context the run's context
     * @return whether the check passed, and what it found
     * @throws Exception if it could not look, which fails the step
     */
    Result check(RunbookContext context) throws Exception;

    /**
     * What a check found.
     *
     * @param passed whether it passed
     * @param detail what it found, one line for the timeline
     */
    record Result(boolean passed, String detail) {
        /**
         * Checks the detail.
         *
         * @param passed whether it passed
         * @param detail the detail
         */
        public Result {
            requireNonNull(detail, "detail");
        }

        /**
         * Returns a passing result.
         *
         * @param detail what the check found
         * @return the result
         */
        public static Result passed(String detail) {
            return new Result(true, detail);
        }

        /**
         * Returns a failing result.
         *
         * @param detail what the check found
         * @return the result
         */
        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }
}
