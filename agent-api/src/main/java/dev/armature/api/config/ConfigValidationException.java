package dev.armature.api.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when configuration breaks its schema or a validator vetoes it; carries every violation
 * found, not only the first.
 *
 * @since 0.1
 */
public class ConfigValidationException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** Every violation found. */
    @SuppressWarnings("serial") // an immutable list of records
    private final List<ConfigViolation> violations;

    /**
     * Creates an exception carrying violations.
     *
     * @param context what was being validated, such as {@code the first configuration snapshot}
     * @param violations every violation, at least one
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public ConfigValidationException(String context, List<ConfigViolation> violations) {
        super(
                "armature.config.invalid",
                message(context, violations),
                violations.size() == 1 ? violations.get(0).key() : null,
                null);
        this.violations = List.copyOf(violations);
    }

    private static String message(String context, List<ConfigViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one violation");
        }
        return violations.size() + " configuration violation" + (violations.size() == 1 ? "" : "s") + " in "
                + context + "; fix each and reload:"
                + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
    }

    /**
     * Returns every violation found, in key order.
     *
     * @return the violations; never empty
     */
    public List<ConfigViolation> violations() {
        return violations;
    }
}
