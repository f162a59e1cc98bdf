package dev.armature.core.internal.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.Notification;
import dev.armature.core.internal.incident.escalation.EscalationHooks;
import dev.armature.spi.monitoring.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: what the escalation runs do to the incidents of a book — notify, record, count signals,
 * resolve quiet ones, turn rotations. Called on the scheduler's threads; every call takes the book's
 * lock.
 */
final class EscalationBridge implements EscalationHooks {
    private static final Logger log = LoggerFactory.getLogger(EscalationBridge.class);

    private final IncidentBook book;

    EscalationBridge(IncidentBook book) {
        this.book = book;
    }

    @Override
    public void notify(String incidentId, List<String> names, String reason) {
        book.lock();
        try {
            Incident i = book.byId.get(incidentId);
            if (i == null) {
                return;
            }
            TimelineEntry last = i.timeline().get(i.timeline().size() - 1);
            Notification n = book.notification(i, last, reason);
            for (String name : names) {
                NotificationChannel channel = book.channels.get(name);
                if (channel != null) { // checked at start; a policy resumed from an older config may differ
                    book.delivery.send(channel, n);
                } else {
                    log.atWarn()
                            .addKeyValue("incident", incidentId)
                            .addKeyValue("channel", name)
                            .log("escalation names a channel the system does not have; not notified");
                }
            }
        } finally {
            book.unlock();
        }
    }

    @Override
    public void record(String incidentId, String text, Map<String, String> details) {
        book.lock();
        try {
            Incident i = book.byId.get(incidentId);
            if (i != null && !book.closed) {
                book.append(
                        i,
                        TimelineEntry.Kind.ESCALATION,
                        TimelineEntry.SYSTEM,
                        text,
                        details,
                        book.time.now(),
                        Optional.empty(),
                        i);
            }
        } finally {
            book.unlock();
        }
    }

    @Override
    public long signalsSince(String incidentId, Instant since) {
        book.lock();
        try {
            Incident i = book.byId.get(incidentId);
            return i == null
                    ? 0
                    : i.timeline().stream()
                            .filter(e -> e.kind() == TimelineEntry.Kind.OPENED || e.kind() == TimelineEntry.Kind.SIGNAL)
                            .filter(e -> !e.at().isBefore(since))
                            .count();
        } finally {
            book.unlock();
        }
    }

    @Override
    public Instant lastSignalAt(String incidentId) {
        book.lock();
        try {
            Incident i = requireNonNull(book.byId.get(incidentId), incidentId);
            Instant last = i.openedAt();
            for (TimelineEntry e : i.timeline()) {
                if (e.kind() == TimelineEntry.Kind.SIGNAL) {
                    last = e.at();
                }
            }
            return last;
        } finally {
            book.unlock();
        }
    }

    @Override
    public boolean sourceFailing(String incidentId) {
        book.lock();
        try {
            Incident i = book.byId.get(incidentId);
            return i != null && i.sourceFailing();
        } finally {
            book.unlock();
        }
    }

    @Override
    public void autoResolve(String incidentId, Duration quiet) {
        book.lock();
        try {
            Incident i = book.byId.get(incidentId);
            if (i == null || book.closed || !i.state().isOpen() || i.sourceFailing()) {
                return;
            }
            book.move(
                    i,
                    TimelineEntry.SYSTEM,
                    IncidentState.RESOLVED,
                    "resolved by the system: no signal for " + quiet + " (its escalation policy's quiet rule)",
                    false,
                    book.time.now());
        } finally {
            book.unlock();
        }
    }

    @Override
    public int nextInRotation(String policy, int stepIndex) {
        book.lock();
        try {
            return (int) book.count(IncidentCodec.ROTATION + policy + "." + stepIndex);
        } finally {
            book.unlock();
        }
    }
}
