package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;
import org.jspecify.annotations.Nullable;

/**
 * A guarded call failed: it wraps a checked exception of the operation, or, in a subclass, says why
 * the guard refused or stopped the call.
 *
 * @since 0.1
 */
public class GuardException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The guard's name. */
    private final String guard;

    /**
     * Creates the exception.
     *
     * @param code the stable code
     * @param guard the guard's name
     * @param message what happened and what to do
     * @param cause the operation's failure, if any
     */
    public GuardException(String code, String guard, String message, @Nullable Throwable cause) {
        super(code, message, cause);
        this.guard = requireNonNull(guard, "guard");
    }

    /**
     * Returns the name of the guard the call went through.
     *
     * @return the guard's name
     */
    public String guard() {
        return guard;
    }
}
