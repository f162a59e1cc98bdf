package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an open incident is escalated: a named sequence of {@link EscalationStep}s that the system runs
 * for each incident, and an optional standing rule that resolves a quiet incident. Policies are data,
 * usually read from configuration ({@code armature.incidents.escalation.policies.<name>.steps}, one
 * step per list element).
 *
 * <p>How a policy runs for one incident:
 *
 * <ul>
 *   <li>Steps run in order from the first, as soon as the incident is opened. {@code notify},
 *       {@code notify-next-each-time} and {@code notify-if} take no time: the next step runs at
 *       once. {@code wait d} makes the next step run {@code d} after the wait began.
 *   <li>{@code repeat n} is the last step: the first {@code n} times it is reached the run starts
 *       again from the first step; the next time the escalation ends. The policy must hold a wait,
 *       so that a round takes time.
 *   <li>Every step that runs is appended to the incident's timeline ({@link
 *       TimelineEntry.Kind#ESCALATION}), a skipped {@code notify-if} and the end of the repeats
 *       included.
 *   <li>Acknowledging the incident stops the steps: none runs after it.
 *   <li>{@code auto-resolve-after-quiet d} ({@link #autoResolveAfterQuiet()}) is not a position in
 *       the sequence: from the opening until the incident is resolved, acknowledged or not, the system
 *       resolves it once no signal has arrived for {@code d} and what opened it no longer fails. An
 *       acknowledged incident whose source went quiet is resolved too, since nobody may ever come back
 *       to resolve it. While the source still fails the rule waits.
 * </ul>
 *
 * <p>Validation refuses a policy that makes no sense: no steps and no quiet rule, a {@code repeat}
 * that is not last or appears twice, a {@code repeat} in a policy without a wait (or with nothing
 * before it), two quiet rules. A step's own checks (a positive wait, at least one channel, counts of
 * at least one) are made by the step. Immutable and thread-safe.
 *
 * <pre>{@code
 * EscalationPolicy policy = EscalationPolicy.parse("on-call", List.of(
 *         "notify pager",
 *         "wait 5m",
 *         "notify-next-each-time alice-pager,bob-pager",
 *         "wait 10m",
 *         "repeat 1",
 *         "auto-resolve-after-quiet 30m"));
 * }</pre>
 *
 * @param name the policy's name: letters, digits, {@code -} and {@code _}, as a configuration key's
 *     segment
 * @param steps the positions of the sequence, in order; never an {@link
 *     EscalationStep.AutoResolveAfterQuiet}
 * @param autoResolveAfterQuiet the quiet time after which the incident resolves itself, if the policy
 *     has the rule
 * @since 0.1
 */
public record EscalationPolicy(String name, List<EscalationStep> steps, Optional<Duration> autoResolveAfterQuiet) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Checks the policy and copies the steps.
     *
     * @param name the name
     * @param steps the steps
     * @param autoResolveAfterQuiet the quiet rule, if any
     * @throws EscalationPolicyException naming the policy, and the step where one is at fault, if the
     *     policy makes no sense
     */
    public EscalationPolicy {
        requireNonNull(name, "name");
        steps = List.copyOf(steps);
        requireNonNull(autoResolveAfterQuiet, "autoResolveAfterQuiet");
        if (!NAME.matcher(name).matches()) {
            throw new EscalationPolicyException(
                    name,
                    null,
                    "a policy's name is letters, digits, '-' and '_', as in on-call; it is a configuration key's"
                            + " segment");
        }
        if (autoResolveAfterQuiet.isPresent()) {
            try {
                EscalationText.requirePositive(
                        autoResolveAfterQuiet.get(), "the quiet time", "auto-resolve-after-quiet 30m");
            } catch (EscalationPolicyException e) {
                throw e.inPolicy(name);
            }
        }
        validate(name, steps, autoResolveAfterQuiet.isPresent());
    }

    private static void validate(String name, List<EscalationStep> steps, boolean hasQuietRule) {
        if (steps.isEmpty() && !hasQuietRule) {
            throw new EscalationPolicyException(
                    name, null, "the policy has no steps; give it at least one, such as notify pager");
        }
        boolean waits = false;
        for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            if (step instanceof EscalationStep.AutoResolveAfterQuiet) {
                throw new EscalationPolicyException(
                        name,
                        step.toString(),
                        "the quiet rule is not a position in the sequence; give it as the policy's"
                                + " autoResolveAfterQuiet, or read the lines with EscalationPolicy.parse");
            }
            if (step instanceof EscalationStep.Wait) {
                waits = true;
            }
            if (step instanceof EscalationStep.Repeat) {
                if (i != steps.size() - 1) {
                    throw new EscalationPolicyException(
                            name,
                            step.toString(),
                            "repeat must be the last step (it is step " + (i + 1) + " of " + steps.size()
                                    + "); move it to the end, and keep one repeat per policy");
                }
                if (!waits) {
                    throw new EscalationPolicyException(
                            name,
                            step.toString(),
                            "the steps before repeat hold no wait, so every round would fire at once; put a"
                                    + " wait such as wait 10m before it");
                }
            }
        }
    }

    /**
     * Reads a policy from its lines, one step each; the quiet rule may stand on any line and is kept
     * apart from the steps.
     *
     * @param name the policy's name
     * @param lines the steps' text, as {@link EscalationStep#parse} reads them
     * @return the policy
     * @throws EscalationPolicyException naming the policy and the line, if a line is not a step, the
     *     quiet rule is given twice, or the policy makes no sense
     */
    public static EscalationPolicy parse(String name, List<String> lines) {
        requireNonNull(name, "name");
        requireNonNull(lines, "lines");
        List<EscalationStep> steps = new ArrayList<>();
        Optional<Duration> quiet = Optional.empty();
        for (String line : lines) {
            EscalationStep step;
            try {
                step = EscalationStep.parse(line);
            } catch (EscalationPolicyException e) {
                throw e.inPolicy(name);
            }
            if (step instanceof EscalationStep.AutoResolveAfterQuiet q) {
                if (quiet.isPresent()) {
                    throw new EscalationPolicyException(
                            name,
                            line,
                            "the policy has a second quiet rule (the first is auto-resolve-after-quiet "
                                    + EscalationText.format(quiet.get()) + "); keep one");
                }
                quiet = Optional.of(q.quiet());
            } else {
                steps.add(step);
            }
        }
        return new EscalationPolicy(name, steps, quiet);
    }

    /**
     * Returns the policy's lines: the steps' text in order, then the quiet rule's, if any.
     *
     * @return the lines {@link #parse} reads back as this policy
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.toString()));
        autoResolveAfterQuiet.ifPresent(q -> out.add(new EscalationStep.AutoResolveAfterQuiet(q).toString()));
        return List.copyOf(out);
    }

    /**
     * Returns the policy's repeat step's count.
     *
     * @return how many more rounds the policy runs, 0 when it has no repeat
     */
    public int repeats() {
        return steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof EscalationStep.Repeat r) ? 0 : r.times();
    }
}
