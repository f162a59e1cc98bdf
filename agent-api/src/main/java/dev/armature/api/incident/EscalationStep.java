package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One line of an {@link EscalationPolicy}. Each step has a one-line text form, which {@link
 * #parse(String)} reads and {@code toString()} writes, so that policies live in configuration:
 *
 * <table>
 * <caption>The steps and their text</caption>
 * <tr><th>text</th><th>step</th></tr>
 * <tr><td>{@code wait 5m}</td><td>{@link Wait}</td></tr>
 * <tr><td>{@code notify pager,chat}</td><td>{@link Notify}</td></tr>
 * <tr><td>{@code notify-next-each-time alice-pager,bob-pager}</td><td>{@link NotifyNextEachTime}</td></tr>
 * <tr><td>{@code notify-if 3 in 10m pager}</td><td>{@link NotifyIfNInWindow}</td></tr>
 * <tr><td>{@code repeat 2}</td><td>{@link Repeat}</td></tr>
 * <tr><td>{@code auto-resolve-after-quiet 30m}</td><td>{@link AutoResolveAfterQuiet}</td></tr>
 * </table>
 *
 * <p>Durations are written as the configuration writes them: a whole number and a unit ({@code ns},
 * {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}) with no space, or ISO-8601
 * ({@code PT5M}). A target is the name of a {@link dev.armature.spi.monitoring.NotificationChannel}
 * (lower case letters, digits and {@code -}); targets are separated by commas and each is named once.
 * The keyword is read in any case; words are separated by spaces.
 *
 * <p>Every step checks its parts when made and throws {@link EscalationPolicyException} when they
 * make no sense (a wait of zero, a notify with no channel, a count below one). Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * EscalationStep step = EscalationStep.parse("notify-if 3 in 10m pager");
 * String text = step.toString(); // "notify-if 3 in 10m pager"
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface EscalationStep
        permits EscalationStep.Wait,
                EscalationStep.Notify,
                EscalationStep.NotifyNextEachTime,
                EscalationStep.NotifyIfNInWindow,
                EscalationStep.Repeat,
                EscalationStep.AutoResolveAfterQuiet {
    /**
     * Returns the channels the step notifies: those of {@code notify}, {@code
     * notify-next-each-time} and {@code notify-if}; none for the other steps.
     *
     * @return the channel names, in the order written
     */
    default List<String> targets() {
        return List.of();
    }

    /**
     * Reads a step from its text form.
     *
     * @param text one line, such as {@code wait 5m}
     * @return the step; {@code parse(step.toString())} equals {@code step}
     * @throws EscalationPolicyException naming the line, what was wrong and what to write, for any
     *     text that is not a step
     */
    static EscalationStep parse(String text) {
        requireNonNull(text, "text");
        try {
            return EscalationText.parseStep(text);
        } catch (EscalationPolicyException e) {
            throw new EscalationPolicyException(null, text, e.problem());
        }
    }

    /**
     * Writes a duration as a step's text writes it: the shortest exact form, such as {@code 10m},
     * {@code 90s}, {@code 1500ms}, or ISO-8601 beyond what those can hold.
     *
     * @param duration the duration
     * @return the text, which a step reads back as the same duration
     */
    static String durationText(Duration duration) {
        return EscalationText.format(requireNonNull(duration, "duration"));
    }

    /**
     * Returns the step's keyword, such as {@code notify-if}.
     *
     * @return the first word of the step's text
     */
    String keyword();

    /**
     * Waits before the next step: the next step runs {@code duration} after this one began.
     *
     * @param duration how long; longer than zero
     * @since 0.1
     */
    record Wait(Duration duration) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "wait";

        /**
         * Checks the duration.
         *
         * @param duration the duration
         * @throws EscalationPolicyException if the duration is zero or negative
         */
        public Wait {
            requireNonNull(duration, "duration");
            EscalationText.requirePositive(duration, "a wait", "wait 5m");
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code wait 5m}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + EscalationText.format(duration);
        }
    }

    /**
     * Notifies every target, each time the step runs.
     *
     * @param targets the channels, at least one, each once
     * @since 0.1
     */
    record Notify(List<String> targets) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "notify";

        /**
         * Checks and copies the targets.
         *
         * @param targets the channels
         * @throws EscalationPolicyException if there is none, one is named twice or a name is not a
         *     channel's name
         */
        public Notify {
            targets = EscalationText.checkTargets(targets, "notify pager,chat");
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code notify pager,chat}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + String.join(",", targets);
        }
    }

    /**
     * Notifies one target each time the step runs, the next in the list each time, in a rotation that
     * every incident of the policy shares: the first firing of the step (for any incident) notifies
     * the first target, the next firing the second, and after the last the first again.
     *
     * @param targets the channels in rotation order, at least one, each once
     * @since 0.1
     */
    record NotifyNextEachTime(List<String> targets) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "notify-next-each-time";

        /**
         * Checks and copies the targets.
         *
         * @param targets the channels
         * @throws EscalationPolicyException if there is none, one is named twice or a name is not a
         *     channel's name
         */
        public NotifyNextEachTime {
            targets = EscalationText.checkTargets(targets, "notify-next-each-time alice-pager,bob-pager");
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code notify-next-each-time alice-pager,bob-pager}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + String.join(",", targets);
        }
    }

    /**
     * Notifies every target only if at least {@code n} signals of the incident (its opening and each
     * de-duplicated signal, see {@link TimelineEntry.Kind#OPENED} and {@link TimelineEntry.Kind#SIGNAL})
     * arrived in the {@code window} that ends when the step runs; otherwise the step is recorded as
     * skipped and the policy goes on.
     *
     * @param n the signals needed; at least 1
     * @param window how far back to count; longer than zero
     * @param targets the channels, at least one, each once
     * @since 0.1
     */
    record NotifyIfNInWindow(int n, Duration window, List<String> targets) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "notify-if";

        /**
         * Checks every part and copies the targets.
         *
         * @param n the signals needed
         * @param window the window
         * @param targets the channels
         * @throws EscalationPolicyException if {@code n} is below 1, the window is not positive or the
         *     targets are wrong as for {@link Notify}
         */
        public NotifyIfNInWindow {
            String example = "notify-if 3 in 10m pager";
            EscalationText.requireAtLeastOne(n, "the number of signals", example);
            requireNonNull(window, "window");
            EscalationText.requirePositive(window, "the window", example);
            targets = EscalationText.checkTargets(targets, example);
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code notify-if 3 in 10m pager}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + n + " in " + EscalationText.format(window) + " " + String.join(",", targets);
        }
    }

    /**
     * Runs the policy again from its first step, {@code times} more times; after the last repeat the
     * escalation ends. It must be the policy's last step and the policy must wait somewhere before it,
     * so that repeats cannot fire at once.
     *
     * @param times how many more rounds; at least 1
     * @since 0.1
     */
    record Repeat(int times) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "repeat";

        /**
         * Checks the count.
         *
         * @param times the count
         * @throws EscalationPolicyException if it is below 1
         */
        public Repeat {
            EscalationText.requireAtLeastOne(times, "the number of repeats", "repeat 2");
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code repeat 2}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + times;
        }
    }

    /**
     * A standing rule, not a position in the sequence: the incident is resolved by the system once no
     * signal has arrived for {@code quiet} and what opened it no longer fails. In a policy's lines it
     * may stand anywhere; {@link EscalationPolicy} keeps it apart from the steps.
     *
     * @param quiet how long without a signal; longer than zero
     * @since 0.1
     */
    record AutoResolveAfterQuiet(Duration quiet) implements EscalationStep {
        /** The step's keyword. */
        public static final String KEYWORD = "auto-resolve-after-quiet";

        /**
         * Checks the duration.
         *
         * @param quiet the quiet time
         * @throws EscalationPolicyException if it is zero or negative
         */
        public AutoResolveAfterQuiet {
            requireNonNull(quiet, "quiet");
            EscalationText.requirePositive(quiet, "the quiet time", "auto-resolve-after-quiet 30m");
        }

        @Override
        public String keyword() {
            return KEYWORD;
        }

        /**
         * Returns the step's text, such as {@code auto-resolve-after-quiet 30m}.
         *
         * @return the text {@link EscalationStep#parse} reads back as this step
         */
        @Override
        public String toString() {
            return KEYWORD + " " + EscalationText.format(quiet);
        }
    }
}
