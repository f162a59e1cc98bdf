package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Armature throws for bad input, bad state or a failed operation.
 *
 * <p>Each subclass names one kind of failure and carries its subject through accessors. The
 * {@link #code()} is stable across releases, so hosts can match on it; the message names what was
 * wrong, where, and what to do. Programmer errors such as {@code null} arguments are reported as
 * {@link NullPointerException} or {@link IllegalArgumentException} instead.
 *
 * @since 0.1
 */
public class ArmatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stable code. */
    private final String code;

    /**
     * Creates an exception with a stable code and a message.
     *
     * @param code the stable, dotted code of this kind of failure, for example {@code
     *     armature.graph.cycle}
     * @param message what was wrong, where, and what to do
     */
    public ArmatureException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates an exception with a stable code, a message and a cause.
     *
     * @param code the stable, dotted code of this kind of failure
     * @param message what was wrong, where, and what to do
     * @param cause the underlying failure, or {@code null} if there is none
     */
    public ArmatureException(String code, String message, @Nullable Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.code = requireNonNull(code, "code");
    }

    /**
     * Returns the code of one kind of a family of failures: the family's prefix, then the kind's
     * name in lower case with dashes, such as {@code armature.incident.source-still-failing} for
     * the prefix {@code armature.incident.} and the kind {@code SOURCE_STILL_FAILING}.
     *
     * @param prefix the family's code, ending in a dot
     * @param kind the kind of failure
     * @return the code
     * @since 0.1
     */
    protected static String codeOf(String prefix, Enum<?> kind) {
        return requireNonNull(prefix, "prefix")
                + requireNonNull(kind, "kind").name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the stable code of this kind of failure, such as {@code armature.startup.failed}.
     *
     * @return the code; never {@code null}
     */
    public String code() {
        return code;
    }
}
