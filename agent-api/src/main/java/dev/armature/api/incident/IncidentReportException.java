package dev.armature.api.incident;

import dev.armature.api.ArmatureException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a post-incident report cannot be read back from its JSON form, or cannot be written to
 * it. The message names what was wrong and where in the document.
 *
 * @since 0.1
 */
public final class IncidentReportException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, where, and what to do
     * @param cause the parser's or writer's failure, or {@code null}
     */
    public IncidentReportException(String message, @Nullable Throwable cause) {
        super("armature.incident.report.unreadable", message, cause);
    }
}
