package dev.armature.core.internal.errors;

import static java.util.Objects.requireNonNull;

import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.core.internal.errors.detect.CascadeDetector;
import dev.armature.core.internal.errors.detect.ErrorDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: feeds every recorded error to the detector and, while the system runs, evaluates it on
 * the scheduler and publishes what it finds with the source {@code errors}.
 */
public final class ErrorAnalysis {
    private static final Logger log = LoggerFactory.getLogger(ErrorAnalysis.class);

    /** How long after a component's failure its dependents' failures count as its cascade. */
    public static final Duration CASCADE_WINDOW = Duration.ofMinutes(2);

    private final ErrorDetector detector;
    private final CascadeDetector cascades;
    private final EventBus bus;
    private @Nullable Cancellable evaluation;

    /**
     * Creates the analysis and connects it to the errors service.
     *
     * @param errors the service whose recorded errors are analysed
     * @param detector the detector of new errors, spikes, escalation and trends
     * @param cascades the detector of cascades, fed with the components' errors
     * @param bus where findings are published
     */
    public ErrorAnalysis(DefaultErrors errors, ErrorDetector detector, CascadeDetector cascades, EventBus bus) {
        this.detector = requireNonNull(detector, "detector");
        this.cascades = requireNonNull(cascades, "cascades");
        this.bus = requireNonNull(bus, "bus");
        errors.observeWith(this::observe);
    }

    private void observe(ErrorEvent event) {
        detector.observe(event);
        if (event.origin() == ErrorEvent.Origin.COMPONENT) {
            cascades.observe(event.originName());
        }
    }

    /** Starts evaluating periodically; a second call does nothing. */
    public synchronized void start(Scheduler scheduler) {
        if (evaluation == null) {
            var every = detector.settings().evaluateEvery();
            evaluation = scheduler.scheduleAtFixedRate(every, every, this::evaluateAndPublish);
        }
    }

    /** Stops evaluating; errors recorded meanwhile are still observed. */
    public synchronized void stop() {
        if (evaluation != null) {
            evaluation.cancel();
            evaluation = null;
        }
    }

    /**
     * Evaluates now and publishes every finding.
     *
     * @return the findings, in the order they were published
     */
    public List<ErrorFinding> evaluateAndPublish() {
        List<ErrorFinding> findings = new ArrayList<>(detector.evaluate());
        findings.addAll(cascades.evaluate());
        for (ErrorFinding f : findings) {
            var entry = log.atInfo().addKeyValue("finding", f.type().name());
            Fingerprint fp = fingerprintOf(f);
            if (fp != null) {
                entry = entry.addKeyValue(LogFields.ERROR_FINGERPRINT, fp);
            }
            entry.log("error finding");
            bus.publish(DefaultErrors.SOURCE, f);
        }
        return findings;
    }

    private static @Nullable Fingerprint fingerprintOf(ErrorFinding f) {
        if (f instanceof ErrorFinding.NewError n) {
            return n.fingerprint();
        } else if (f instanceof ErrorFinding.Spike s) {
            return s.fingerprint();
        } else if (f instanceof ErrorFinding.Escalating e) {
            return e.fingerprint();
        } else if (f instanceof ErrorFinding.RisingTrend t) {
            return t.fingerprint();
        }
        return null; // a cascade is about components, not one fingerprint
    }
}
