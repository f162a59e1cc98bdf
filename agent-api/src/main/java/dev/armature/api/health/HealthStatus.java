package dev.armature.api.health;

/**
 * How healthy something is, from best to worst: {@code UP < DEGRADED < OUT_OF_SERVICE < DOWN},
 * with {@code UNKNOWN} for "not known yet". Lifecycle states carry no health: a running component
 * is separately UP or DEGRADED.
 *
 * @since 0.1
 */
public enum HealthStatus {
    /** Working as intended. */
    UP,
    /** Working, but with reduced capacity or quality. */
    DEGRADED,
    /** Deliberately not taking work, for example while draining before shutdown. */
    OUT_OF_SERVICE,
    /** Not working. */
    DOWN,
    /** Not known yet, for example before the first check has run. */
    UNKNOWN;

    /**
     * Returns the worse of two statuses; {@code UNKNOWN} counts as better than {@code UP}, so a
     * known status always wins over an unknown one.
     *
     * @param other the other status
     * @return the worse of this and {@code other}
     */
    public HealthStatus worse(HealthStatus other) {
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(HealthStatus status) {
        return switch (status) {
            case UNKNOWN -> -1;
            case UP -> 0;
            case DEGRADED -> 1;
            case OUT_OF_SERVICE -> 2;
            case DOWN -> 3;
        };
    }
}
