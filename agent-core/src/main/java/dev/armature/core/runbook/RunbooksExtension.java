package dev.armature.core.runbook;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.SystemExtension;
import dev.armature.spi.incident.Runbook;
import java.util.List;

/**
 * Gives a system the host's own runbooks, beside those that plugins contribute with {@code
 * context.contribute(Runbook.class, runbook)}. Runbook names are unique across both; a clash is an
 * error when the system is built.
 *
 * <pre>{@code
 * AgentSystem.builder()
 *     .extension(RunbooksExtension.of(modelOutage, diskFull))
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param runbooks the host's runbooks
 * @since 0.1
 */
public record RunbooksExtension(List<Runbook> runbooks) implements SystemExtension {
    /**
     * Copies the runbooks.
     *
     * @param runbooks the runbooks
     */
    public RunbooksExtension {
        runbooks = List.copyOf(requireNonNull(runbooks, "runbooks"));
    }

    /**
     * Returns the extension of some runbooks.
     *
     * @param runbooks the runbooks
     * @return the extension
     */
    public static RunbooksExtension of(Runbook... runbooks) {
        return new RunbooksExtension(List.of(runbooks));
    }
}
