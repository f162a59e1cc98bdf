package dev.armature.core.internal.incident.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hooks that pass every call on, for tests that change one. */
class DelegatingHooks implements EscalationHooks {
    private final EscalationHooks delegate;

    DelegatingHooks(EscalationHooks delegate) {
        this.delegate = delegate;
    }

    @Override
    public void notify(String incidentId, List<String> channels, String reason) {
        delegate.notify(incidentId, channels, reason);
    }

    @Override
    public void record(String incidentId, String text, Map<String, String> details) {
        delegate.record(incidentId, text, details);
    }

    @Override
    public long signalsSince(String incidentId, Instant since) {
        return delegate.signalsSince(incidentId, since);
    }

    @Override
    public Instant lastSignalAt(String incidentId) {
        return delegate.lastSignalAt(incidentId);
    }

    @Override
    public boolean sourceFailing(String incidentId) {
        return delegate.sourceFailing(incidentId);
    }

    @Override
    public void autoResolve(String incidentId, Duration quiet) {
        delegate.autoResolve(incidentId, quiet);
    }

    @Override
    public int nextInRotation(String policy, int stepIndex) {
        return delegate.nextInRotation(policy, stepIndex);
    }
}
