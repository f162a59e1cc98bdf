package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.Notification;
import dev.armature.spi.monitoring.NotificationChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A channel that records what it accepted and every attempt, and fails the next n attempts on demand. */
final class RecordingChannel implements NotificationChannel {
    private final String name;
    final List<Notification> delivered = new ArrayList<>();
    final List<Notification> attempts = new ArrayList<>();
    private int failures;

    RecordingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    synchronized void failNext(int n) {
        failures = n;
    }

    @Override
    public synchronized void deliver(Notification n) throws IOException {
        attempts.add(n);
        if (failures > 0) {
            failures--;
            throw new IOException("receiver unavailable");
        }
        delivered.add(n);
    }

    synchronized List<Notification> takeDelivered() {
        List<Notification> out = List.copyOf(delivered);
        delivered.clear();
        return out;
    }
}
