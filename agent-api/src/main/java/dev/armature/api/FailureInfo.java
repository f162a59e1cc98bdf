package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A serialisable description of a failure: the exception's class name and message, without the
 * stack trace, so it can travel in events, snapshots and reports.
 *
 * @param type the fully qualified class name of the throwable, or a short kind such as {@code
 *     timeout}
 * @param message the throwable's message, or an empty string when it had none
 * @since 0.1
 */
public record FailureInfo(String type, String message) {
    /**
     * Checks that both parts are present.
     *
     * @param type the class name or kind of the failure
     * @param message the message, possibly empty
     */
    public FailureInfo {
        requireNonNull(type, "type");
        requireNonNull(message, "message");
    }

    /**
     * Describes a throwable by its class name and message.
     *
     * @param throwable the failure to describe
     * @return its description
     */
    public static FailureInfo of(Throwable throwable) {
        requireNonNull(throwable, "throwable");
        @Nullable String message = throwable.getMessage();
        return new FailureInfo(throwable.getClass().getName(), message == null ? "" : message);
    }

    /**
     * Returns the message when there is one.
     *
     * @return the message, or empty when the failure had none
     */
    public Optional<String> messageIfAny() {
        return message.isEmpty() ? Optional.empty() : Optional.of(message);
    }

    /**
     * Returns a one-line summary, {@code type: message}.
     *
     * @return the summary
     */
    public String summary() {
        return message.isEmpty() ? type : type + ": " + message;
    }
}
