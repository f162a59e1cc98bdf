package dev.armature.core.internal.incident;

import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.resilience.EmergencyEvent;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryTarget;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Internal: reads the system's events as what they mean for incidents: a signal that opens one (or is
 * de-duplicated into it), a change in whether an incident's source fails, or an entry for the
 * timelines of the incidents it concerns. Circuits that stay open are timed by the manager, not here.
 * Stateless.
 */
final class Signals {
    /** The key of safe mode's incidents. */
    static final IncidentKey SAFE_MODE = IncidentKey.of(IncidentKey.Kind.SYSTEM, "safe-mode");

    /** What the events mean, told to the incident manager. */
    interface Sink {
        /** A signal that opens an incident with its key, or is appended to the open one. */
        void signal(Signal signal);

        /** Whether the source of the incident with the key fails, now. */
        void source(IncidentKey key, boolean failing, String text, Cause cause);

        /** An entry for the open incidents with the key, or for every open incident when the key is null. */
        void related(
                @org.jspecify.annotations.Nullable IncidentKey key,
                TimelineEntry.Kind kind,
                String text,
                Map<String, String> details,
                Cause cause);
    }

    /** The event behind an entry: its time and its type. */
    record Cause(Instant at, String eventType) {
        static Cause of(EventEnvelope<?> e) {
            return new Cause(e.timestamp(), e.type().toString());
        }
    }

    /**
     * A signal.
     *
     * @param source what kind of signal, for severity and priority
     * @param key what it is about
     * @param title the title of an incident it opens
     * @param failing whether the source fails after it
     * @param text its line on the timeline
     * @param details the facts behind the line
     * @param cause the event behind it
     */
    record Signal(
            SignalSource source,
            IncidentKey key,
            String title,
            boolean failing,
            String text,
            Map<String, String> details,
            Cause cause) {
        Signal {
            details = Map.copyOf(details);
        }
    }

    private Signals() {}

    /** Whether {@link #read} does anything with an event of this kind. */
    static boolean reads(Event p) {
        return p instanceof ComponentEvent
                || p instanceof RecoveryEvent
                || p instanceof ErrorFinding
                || p instanceof AlertEvent
                || p instanceof EmergencyEvent
                || p instanceof ConfigEvent.Applied;
    }

    static void read(EventEnvelope<? extends Event> e, Sink sink) {
        Event p = e.payload();
        Cause cause = Cause.of(e);
        if (p instanceof ComponentEvent c) {
            component(c, cause, sink);
        } else if (p instanceof RecoveryEvent r) {
            recovery(r, cause, sink);
        } else if (p instanceof ErrorFinding f) {
            finding(f, cause, sink);
        } else if (p instanceof AlertEvent a) {
            alert(a, cause, sink);
        } else if (p instanceof EmergencyEvent m) {
            emergency(m, cause, sink);
        } else if (p instanceof ConfigEvent.Applied a) {
            sink.related(
                    null,
                    TimelineEntry.Kind.CONFIG,
                    "configuration version " + a.version() + " applied from " + a.source() + ": "
                            + String.join(", ", a.changedKeys()),
                    Map.of("version", Long.toString(a.version()), "source", a.source()),
                    cause);
        }
    }

    private static void component(ComponentEvent c, Cause cause, Sink sink) {
        if (c instanceof ComponentEvent.Escalated x) {
            String why =
                    x.cause().map(f -> ": " + f.type() + ": " + f.message()).orElse("");
            sink.signal(new Signal(
                    SignalSource.COMPONENT_ESCALATED,
                    IncidentKey.of(IncidentKey.Kind.COMPONENT, x.component()),
                    "Component " + x.component() + " failed after " + x.restarts() + " restarts",
                    true,
                    "the supervisor escalated " + x.component() + " after " + x.restarts() + " restarts in "
                            + x.window() + why,
                    Map.of("component", x.component(), "restarts", Integer.toString(x.restarts())),
                    cause));
        } else if (c instanceof ComponentEvent.StateChanged s && s.to() == ComponentState.RUNNING) {
            sink.source(
                    IncidentKey.of(IncidentKey.Kind.COMPONENT, s.component()),
                    false,
                    s.component() + " is running again",
                    cause);
        }
    }

    private static void recovery(RecoveryEvent r, Cause cause, Sink sink) {
        IncidentKey key = key(r.target());
        if (r instanceof RecoveryEvent.ManualInterventionRequired m) {
            sink.signal(new Signal(
                    SignalSource.MANUAL_INTERVENTION,
                    key,
                    "Recovery of " + describe(r.target()) + " needs a person",
                    true,
                    "the recovery of " + describe(r.target()) + " needs a person: " + m.reason() + " (tried "
                            + String.join(", ", m.stepsTried()) + ")",
                    Map.of("target", r.target().name(), "reason", m.reason()),
                    cause));
            return;
        }
        String text;
        if (r instanceof RecoveryEvent.Started s) {
            text = "recovery started: " + s.trigger() + "; steps " + String.join(", ", s.steps());
        } else if (r instanceof RecoveryEvent.StepStarted s) {
            text = "recovery step " + s.step() + " started";
        } else if (r instanceof RecoveryEvent.StepFinished s) {
            text = "recovery step " + s.step() + " " + s.outcome().name().toLowerCase(Locale.ROOT)
                    + (s.detail().isEmpty() ? "" : ": " + s.detail());
        } else if (r instanceof RecoveryEvent.RolledBack b) {
            text = "recovery step " + b.step() + (b.succeeded() ? " undone: " : " failed to undo: ") + b.why();
        } else if (r instanceof RecoveryEvent.Deviated d) {
            text = "recovery step " + d.step() + " deviated: " + d.signal();
        } else {
            RecoveryEvent.Ended end = (RecoveryEvent.Ended) r;
            text = "recovery ended " + end.resolution().name().toLowerCase(Locale.ROOT)
                    + (end.detail().isEmpty() ? "" : ": " + end.detail());
        }
        Map<String, String> details = r instanceof RecoveryEvent.Ended end
                ? Map.of(
                        "target",
                        r.target().name(),
                        "resolution",
                        end.resolution().name())
                : Map.of("target", r.target().name());
        sink.related(key, TimelineEntry.Kind.RECOVERY, text, details, cause);
        if (r instanceof RecoveryEvent.Ended end
                && end.resolution() != RecoveryEvent.Resolution.ABANDONED
                && r.target().kind() != RecoveryTarget.Kind.GUARD) {
            // A guard's source is its circuit, told by the circuit's own events.
            sink.source(key, false, describe(r.target()) + " recovered", cause);
        }
    }

    private static void finding(ErrorFinding f, Cause cause, Sink sink) {
        if (f instanceof ErrorFinding.NewError n) {
            sink.signal(fingerprint(
                    SignalSource.ERROR_NEW,
                    n.fingerprint(),
                    "New error " + n.errorType() + " at " + n.originName(),
                    "new error " + n.errorType() + " at " + n.originName(),
                    cause));
        } else if (f instanceof ErrorFinding.Spike s) {
            sink.signal(fingerprint(
                    SignalSource.ERROR_SPIKE,
                    s.fingerprint(),
                    "Error spike " + s.fingerprint(),
                    "error spike: " + s.count() + " in " + s.window()
                            + String.format(Locale.ROOT, " (%.1fx", s.factor()) + " the baseline)",
                    cause));
        } else if (f instanceof ErrorFinding.Escalating x) {
            sink.signal(fingerprint(
                    SignalSource.ERROR_ESCALATING,
                    x.fingerprint(),
                    "Errors escalating " + x.fingerprint(),
                    String.format(Locale.ROOT, "errors escalating: %.1fx the long-window rate", x.ratio()),
                    cause));
        }
        // Rising trends and cascades are early warnings, not incidents.
    }

    private static Signal fingerprint(SignalSource source, Fingerprint fp, String title, String text, Cause cause) {
        // A finding is a moment, not a state: nothing tells when the errors stop, so the incident is
        // resolved by a person or by the quiet period.
        return new Signal(
                source,
                IncidentKey.of(IncidentKey.Kind.FINGERPRINT, fp.toString()),
                title,
                false,
                text,
                Map.of("fingerprint", fp.toString()),
                cause);
    }

    private static void alert(AlertEvent a, Cause cause, Sink sink) {
        IncidentKey key = IncidentKey.alert(a.rule(), a.labels());
        if (a instanceof AlertEvent.AlertFired f) {
            String summary = f.annotations().getOrDefault("summary", "Alert " + f.rule() + " firing");
            sink.signal(new Signal(
                    alertSource(f.severity()),
                    key,
                    summary,
                    true,
                    "alert " + f.rule() + " fired at " + f.value(),
                    Map.of("rule", f.rule(), "severity", f.severity().name().toLowerCase(Locale.ROOT)),
                    cause));
        } else if (a instanceof AlertEvent.AlertResolved r) {
            sink.source(key, false, "alert " + r.rule() + " resolved", cause);
        }
    }

    private static SignalSource alertSource(AlertSeverity s) {
        return switch (s) {
            case CRITICAL -> SignalSource.ALERT_CRITICAL;
            case WARNING -> SignalSource.ALERT_WARNING;
            case INFO -> SignalSource.ALERT_INFO;
        };
    }

    private static void emergency(EmergencyEvent m, Cause cause, Sink sink) {
        if (m instanceof EmergencyEvent.SafeModeEntered s) {
            sink.signal(new Signal(
                    SignalSource.SAFE_MODE,
                    SAFE_MODE,
                    "Safe mode: " + s.safeMode().reason(),
                    true,
                    "safe mode entered: " + s.safeMode().reason(),
                    Map.of("reason", s.safeMode().reason()),
                    cause));
        } else if (m instanceof EmergencyEvent.SafeModeExited x) {
            sink.source(SAFE_MODE, false, "safe mode exited after " + x.lasted(), cause);
        }
    }

    static IncidentKey key(RecoveryTarget t) {
        IncidentKey.Kind kind =
                switch (t.kind()) {
                    case COMPONENT -> IncidentKey.Kind.COMPONENT;
                    case GUARD -> IncidentKey.Kind.GUARD;
                    case FINGERPRINT -> IncidentKey.Kind.FINGERPRINT;
                };
        return IncidentKey.of(kind, t.name());
    }

    private static String describe(RecoveryTarget t) {
        return t.kind().name().toLowerCase(Locale.ROOT) + " " + t.name();
    }
}
