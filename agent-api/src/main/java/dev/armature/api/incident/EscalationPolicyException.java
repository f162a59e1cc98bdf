package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an {@link EscalationStep} or an {@link EscalationPolicy} cannot be read or makes no
 * sense: an unknown step, a malformed duration, a wait of zero, a {@code repeat} that is not last.
 * The message names the policy and the line where they are known, says what was wrong and what to
 * write instead.
 *
 * @since 0.1
 */
public final class EscalationPolicyException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of every escalation policy error. */
    public static final String CODE = "armature.incident.escalation-policy";

    /** The policy's name, or null for a step read alone. */
    private final @Nullable String policy;

    /** The step's text, or null for an error about the whole policy. */
    private final @Nullable String line;

    /** What was wrong and what to write. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param policy the policy's name, or {@code null} when the error is about a step alone
     * @param line the step's text as written, or {@code null} when the error is about the policy as a
     *     whole
     * @param problem what was wrong and what to write instead
     */
    public EscalationPolicyException(@Nullable String policy, @Nullable String line, String problem) {
        super(CODE, message(policy, line, requireNonNull(problem, "problem")));
        this.policy = policy;
        this.line = line;
        this.problem = problem;
    }

    private static String message(@Nullable String policy, @Nullable String line, String problem) {
        StringBuilder b = new StringBuilder();
        b.append(policy == null ? "escalation step" : "escalation policy '" + policy + "'");
        if (line != null) {
            b.append(policy == null ? " '" : ", step '").append(line).append('\'');
        }
        return b.append(": ").append(problem).toString();
    }

    /**
     * Returns the name of the policy the error is in.
     *
     * @return the name, or empty when the error is about a step read alone
     */
    public Optional<String> policy() {
        return Optional.ofNullable(policy);
    }

    /**
     * Returns the step's text as written.
     *
     * @return the line, or empty when the error is about the policy as a whole
     */
    public Optional<String> line() {
        return Optional.ofNullable(line);
    }

    /**
     * Returns what was wrong and what to write instead, without the policy and line.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    /**
     * Returns this error as found in a policy.
     *
     * @param policyName the policy's name
     * @return a new exception with the same line and problem
     */
    EscalationPolicyException inPolicy(String policyName) {
        return new EscalationPolicyException(policyName, line, problem);
    }
}
