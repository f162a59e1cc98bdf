package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.time.Duration;
import java.util.List;

/**
 * What the error analyzer found in the recorded errors, with its evidence, published with the
 * source {@code errors}.
 *
 * @since 0.1
 */
public sealed interface ErrorFinding extends Event
        permits ErrorFinding.NewError,
                ErrorFinding.Spike,
                ErrorFinding.Escalating,
                ErrorFinding.RisingTrend,
                ErrorFinding.Cascade {

    /**
     * A fingerprint was seen for the first time.
     *
     * @param fingerprint the fingerprint
     * @param errorType the outermost exception's class name
     * @param originName where it was first seen
     */
    record NewError(Fingerprint fingerprint, String errorType, String originName) implements ErrorFinding {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.errors.new-error");

        /**
         * Checks every part.
         *
         * @param fingerprint the fingerprint
         * @param errorType the type
         * @param originName the origin
         */
        public NewError {
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(errorType, "errorType");
            requireNonNull(originName, "originName");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A fingerprint's rate jumped well above its baseline.
     *
     * @param fingerprint the fingerprint
     * @param window the window the rate was counted over
     * @param count the errors in that window
     * @param baseline the baseline for a window of that length (an EWMA of past windows)
     * @param factor how many times the baseline the count is
     */
    record Spike(Fingerprint fingerprint, Duration window, long count, double baseline, double factor)
            implements ErrorFinding {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.errors.spike");

        /**
         * Checks every part.
         *
         * @param fingerprint the fingerprint
         * @param window the window
         * @param count the count
         * @param baseline the baseline
         * @param factor the factor
         */
        public Spike {
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(window, "window");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A fingerprint's rate over a short window is well above its rate over a long one: it is
     * getting worse now.
     *
     * @param fingerprint the fingerprint
     * @param shortWindow the short window
     * @param shortRate errors per minute over the short window
     * @param longWindow the long window
     * @param longRate errors per minute over the long window
     * @param ratio the short rate over the long rate
     */
    record Escalating(
            Fingerprint fingerprint,
            Duration shortWindow,
            double shortRate,
            Duration longWindow,
            double longRate,
            double ratio)
            implements ErrorFinding {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.errors.escalating");

        /**
         * Checks every part.
         *
         * @param fingerprint the fingerprint
         * @param shortWindow the short window
         * @param shortRate the short rate
         * @param longWindow the long window
         * @param longRate the long rate
         * @param ratio the ratio
         */
        public Escalating {
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(shortWindow, "shortWindow");
            requireNonNull(longWindow, "longWindow");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A fingerprint's rate rises steadily and is predicted to cross a threshold.
     *
     * @param fingerprint the fingerprint
     * @param slopePerMinute the fitted rise of the rate, in errors per minute per minute
     * @param currentRate the fitted rate now, in errors per minute
     * @param threshold the rate that matters, in errors per minute
     * @param timeToThreshold when the fitted line crosses the threshold, from now
     * @param r2 how well the line fits, 0 to 1
     */
    record RisingTrend(
            Fingerprint fingerprint,
            double slopePerMinute,
            double currentRate,
            double threshold,
            Duration timeToThreshold,
            double r2)
            implements ErrorFinding {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.errors.rising-trend");

        /**
         * Checks every part.
         *
         * @param fingerprint the fingerprint
         * @param slopePerMinute the slope
         * @param currentRate the rate
         * @param threshold the threshold
         * @param timeToThreshold the time to the threshold
         * @param r2 the fit
         */
        public RisingTrend {
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(timeToThreshold, "timeToThreshold");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * Components that depend on a failed component started failing after it.
     *
     * @param component the component that failed first
     * @param dependents its dependents that failed after it, in the order they failed
     * @param within the time from the first failure to the last dependent's
     */
    record Cascade(String component, List<String> dependents, Duration within) implements ErrorFinding {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.errors.cascade");

        /**
         * Checks every part and copies the dependents.
         *
         * @param component the component
         * @param dependents the dependents
         * @param within the time
         */
        public Cascade {
            requireNonNull(component, "component");
            dependents = List.copyOf(dependents);
            requireNonNull(within, "within");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}
