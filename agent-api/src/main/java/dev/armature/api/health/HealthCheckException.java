package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;

/**
 * Thrown when the health checker cannot take a check as contributed, for example when two probes
 * share a name; the message names the check and what to change.
 *
 * @since 0.1
 */
public final class HealthCheckException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.health.check";

    /** The check's name. */
    private final String check;

    /**
     * Creates the exception.
     *
     * @param check the name of the check at fault
     * @param message what was wrong, where, and what to do
     */
    public HealthCheckException(String check, String message) {
        super(CODE, message);
        this.check = requireNonNull(check, "check");
    }

    /**
     * Returns the name of the check at fault.
     *
     * @return the check's name
     */
    public String check() {
        return check;
    }
}
