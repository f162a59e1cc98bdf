package dev.armature.core.internal.errors.detect;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.time.TimeSource;
import dev.armature.core.timeseries.Ewma;
import dev.armature.core.timeseries.LeastSquares;
import dev.armature.core.timeseries.WindowedCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: finds new errors, spikes, escalation and rising trends in the errors recorded per
 * fingerprint. Not API.
 *
 * <p>{@link #observe} counts an error in its fingerprint's {@link WindowedCounter}, on the injected
 * {@link TimeSource}. {@link #evaluate()}, which the owner calls every {@link
 * DetectorSettings#evaluateEvery()} on the system's scheduler, reports each fingerprint that is new
 * since the last evaluation, then runs the rules of {@link DetectorSettings} on every window that
 * completed since the last evaluation, in order, so that what is found does not depend on when
 * evaluation runs. Each finding comes once per episode; the rule re-arms when its condition clears.
 * The baseline of the spike rule is a time-decaying {@link Ewma} of the completed windows' counts;
 * the trend rule fits {@link LeastSquares} to them. Each window is judged on its full history as
 * long as evaluation is at most one period late; a window evaluated later is judged on the history
 * still kept, and windows that rolled off before any evaluation are skipped.
 *
 * <p>At most {@link DetectorSettings#maxFingerprints()} fingerprints are tracked; beyond that the
 * least recently seen is forgotten. Thread-safe: {@code observe} may be called from any thread,
 * concurrently with {@code evaluate}; evaluations are serialised.
 *
 * <pre>{@code
 * ErrorDetector detector = new ErrorDetector(time, DetectorSettings.DEFAULTS);
 * bus.subscribe(ErrorEvent.class, e -> detector.observe(e.payload()));
 * Duration every = DetectorSettings.DEFAULTS.evaluateEvery();
 * scheduler.scheduleAtFixedRate(every, every, () -> detector.evaluate().forEach(f -> bus.publish("errors", f)));
 * }</pre>
 */
public final class ErrorDetector {
    /** The smallest baseline a spike's factor is computed against, in errors per window. */
    static final double BASELINE_FLOOR = 0.01;

    private final TimeSource time;
    private final DetectorSettings settings;
    private final int counterBuckets;
    private final long windowNanos;
    private final ReentrantLock trackedLock = new ReentrantLock();
    private final ReentrantLock evaluating = new ReentrantLock();
    // Access order: the first entry is the least recently seen, the one evicted past the cap.
    private final LinkedHashMap<Fingerprint, Tracked> tracked;

    /**
     * Creates a detector with nothing tracked.
     *
     * @param time where observations and evaluations take their monotonic time
     * @param settings the rules' thresholds
     */
    public ErrorDetector(TimeSource time, DetectorSettings settings) {
        this.time = requireNonNull(time, "time");
        this.settings = requireNonNull(settings, "settings");
        this.windowNanos = settings.window().toNanos();
        // The long window's completed buckets, the one still filling, and enough more that an
        // evaluation up to one period late still sees each window's full history (at most another
        // long window, so that a very long period cannot make every counter huge).
        long period = settings.evaluateEvery().toNanos();
        long late = Math.min(settings.longWindows(), 2 * (period / windowNanos + (period % windowNanos == 0 ? 0 : 1)));
        this.counterBuckets = Math.toIntExact(settings.longWindows() + 1 + late);
        int max = settings.maxFingerprints();
        this.tracked = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, Tracked> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Counts one recorded error.
     *
     * @param fingerprint the error's fingerprint
     * @param errorType the outermost exception's class name, kept from the first sighting
     * @param originName where it was seen, kept from the first sighting
     */
    public void observe(Fingerprint fingerprint, String errorType, String originName) {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(errorType, "errorType");
        requireNonNull(originName, "originName");
        Tracked state;
        trackedLock.lock();
        try {
            state = tracked.get(fingerprint);
            if (state == null) {
                WindowedCounter counter = new WindowedCounter(time, settings.window(), counterBuckets);
                state = new Tracked(
                        fingerprint,
                        errorType,
                        originName,
                        counter,
                        counter.bucketOf(time.nanoTime()),
                        Ewma.withHalfLife(settings.baselineHalfLife()));
                tracked.put(fingerprint, state);
            }
            // Counted under the lock so that an error is never counted on a state just evicted.
            state.counter.increment();
        } finally {
            trackedLock.unlock();
        }
    }

    /**
     * Counts one recorded error event.
     *
     * @param event the event, as published on the bus
     */
    public void observe(ErrorEvent event) {
        observe(event.fingerprint(), event.errorType(), event.originName());
    }

    /**
     * Runs the rules on every window completed since the last evaluation.
     *
     * @return what was found, each finding once per episode: per fingerprint, least recently seen
     *     first, a {@link ErrorFinding.NewError} and then the findings of each window in time order
     */
    public List<ErrorFinding> evaluate() {
        evaluating.lock();
        try {
            List<Tracked> states;
            trackedLock.lock();
            try {
                states = new ArrayList<>(tracked.values());
            } finally {
                trackedLock.unlock();
            }
            List<ErrorFinding> findings = new ArrayList<>();
            for (Tracked state : states) {
                evaluate(state, findings);
            }
            return findings;
        } finally {
            evaluating.unlock();
        }
    }

    /**
     * Returns how many fingerprints are tracked.
     *
     * @return at most {@link DetectorSettings#maxFingerprints()}
     */
    public int tracked() {
        trackedLock.lock();
        try {
            return tracked.size();
        } finally {
            trackedLock.unlock();
        }
    }

    /**
     * Returns the thresholds this detector applies.
     *
     * @return the settings
     */
    public DetectorSettings settings() {
        return settings;
    }

    private void evaluate(Tracked state, List<ErrorFinding> findings) {
        if (!state.announced) {
            findings.add(new ErrorFinding.NewError(state.fingerprint, state.errorType, state.originName));
            state.announced = true;
        }
        WindowedCounter.Snapshot snapshot = state.counter.snapshot();
        long newestCompleted = snapshot.newestBucket() - 1;
        long from = Math.max(state.lastEvaluated + 1, Math.max(state.firstBucket, snapshot.oldestBucket()));
        for (long bucket = from; bucket <= newestCompleted; bucket++) {
            spike(state, snapshot, bucket, findings);
            escalation(state, snapshot, bucket, findings);
            trend(state, snapshot, bucket, findings);
        }
        state.lastEvaluated = Math.max(state.lastEvaluated, newestCompleted);
    }

    private void spike(Tracked state, WindowedCounter.Snapshot snapshot, long bucket, List<ErrorFinding> findings) {
        long count = snapshot.countOf(bucket);
        // The baseline is of the windows before this one, so a spike does not raise its own bar.
        double baseline = state.baseline.value();
        double bar = settings.spikeFactor() * baseline;
        if (!state.spiking) {
            if (state.baseline.isPrimed() && count >= settings.spikeMinCount() && count > bar) {
                state.spiking = true;
                findings.add(new ErrorFinding.Spike(
                        state.fingerprint,
                        settings.window(),
                        count,
                        baseline,
                        count / Math.max(baseline, BASELINE_FLOOR)));
            }
        } else if (count <= settings.rearmFraction() * Math.max(bar, (double) settings.spikeMinCount())) {
            state.spiking = false;
        }
        state.baseline.update((double) count, (bucket + 1) * windowNanos);
    }

    private void escalation(
            Tracked state, WindowedCounter.Snapshot snapshot, long bucket, List<ErrorFinding> findings) {
        long known = bucket - Math.max(state.firstBucket, snapshot.oldestBucket()) + 1;
        long longSpan = Math.min(settings.longWindows(), known);
        long shortSpan = Math.min(settings.shortWindows(), longSpan);
        long shortCount = sum(snapshot, bucket, shortSpan);
        long longCount = sum(snapshot, bucket, longSpan);
        double minutes = settings.windowMinutes();
        double shortRate = shortCount / (shortSpan * minutes);
        double longRate = longCount / (longSpan * minutes);
        double ratio = longCount == 0 ? 0.0 : shortRate / longRate;
        if (!state.escalating) {
            if (shortCount >= settings.escalationMinCount() && ratio > settings.escalationRatio()) {
                state.escalating = true;
                findings.add(new ErrorFinding.Escalating(
                        state.fingerprint,
                        settings.window().multipliedBy(shortSpan),
                        shortRate,
                        settings.window().multipliedBy(longSpan),
                        longRate,
                        ratio));
            }
        } else if (ratio <= settings.rearmFraction() * settings.escalationRatio()
                || shortCount < settings.rearmFraction() * settings.escalationMinCount()) {
            state.escalating = false;
        }
    }

    private void trend(Tracked state, WindowedCounter.Snapshot snapshot, long bucket, List<ErrorFinding> findings) {
        int points = Math.toIntExact(settings.trendWindows());
        if (bucket - Math.max(state.firstBucket, snapshot.oldestBucket()) + 1 < points) {
            return; // too little history: the zeros before the first sighting would fake a rise
        }
        double minutes = settings.windowMinutes();
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            // x in minutes, 0 at this window; y in errors per minute.
            x[i] = (i - (points - 1)) * minutes;
            y[i] = snapshot.countOf(bucket - (points - 1) + i) / minutes;
        }
        LeastSquares line = LeastSquares.fit(x, y);
        OptionalDouble crossing = line.xReaching(settings.trendThreshold());
        double untilCrossing = crossing.isPresent() ? Math.max(0.0, crossing.getAsDouble()) : Double.POSITIVE_INFINITY;
        double horizon = settings.trendHorizon().toNanos() / 60e9;
        if (!state.trending) {
            if (line.r2() >= settings.trendMinR2() && untilCrossing <= horizon) {
                state.trending = true;
                findings.add(new ErrorFinding.RisingTrend(
                        state.fingerprint,
                        line.slope(),
                        Math.max(0.0, line.predict(0)),
                        settings.trendThreshold(),
                        Duration.ofNanos(Math.round(untilCrossing * 60e9)),
                        line.r2()));
            }
        } else if (line.r2() < settings.rearmFraction() * settings.trendMinR2()
                || untilCrossing > horizon / settings.rearmFraction()) {
            state.trending = false;
        }
    }

    private static long sum(WindowedCounter.Snapshot snapshot, long lastBucket, long buckets) {
        long sum = 0;
        for (long b = lastBucket - buckets + 1; b <= lastBucket; b++) {
            sum += snapshot.countOf(b);
        }
        return sum;
    }

    /** What is known of one fingerprint; the fields below the counter belong to evaluation. */
    private static final class Tracked {
        final Fingerprint fingerprint;
        final String errorType;
        final String originName;
        final WindowedCounter counter;
        final long firstBucket;
        final Ewma baseline;
        long lastEvaluated;
        boolean announced;
        boolean spiking;
        boolean escalating;
        boolean trending;

        Tracked(
                Fingerprint fingerprint,
                String errorType,
                String originName,
                WindowedCounter counter,
                long firstBucket,
                Ewma baseline) {
            this.fingerprint = fingerprint;
            this.errorType = errorType;
            this.originName = originName;
            this.counter = counter;
            this.firstBucket = firstBucket;
            this.baseline = baseline;
            this.lastEvaluated = firstBucket - 1;
        }
    }
}
