package dev.armature.core.internal.incident;

import com.google.common.util.concurrent.MoreExecutors;
import dev.armature.api.incident.Incidents;
import dev.armature.api.state.StateStore;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.event.DefaultEventBus;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, public for {@link dev.armature.core.incident.IncidentArchive}: incident books outside a
 * running system.
 */
public final class IncidentBooks {
    /** Offline nothing happens by time: timers are accepted and never run. */
    private static final Scheduler NEVER = new Scheduler() {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> false;
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            return () -> false;
        }
    };

    private IncidentBooks() {}

    /**
     * Returns the incidents of a state store, read and changed on the caller's thread with the system
     * clock; nothing is published (no one listens) or notified, and no timer runs.
     *
     * @param store the store
     * @return the incidents
     */
    public static Incidents offline(StateStore store) {
        TimeSource time = TimeSource.system();
        DefaultEventBus bus = new DefaultEventBus(
                time, RandomSource.seeded(new SecureRandom().nextLong()).stream("ids"), MoreExecutors.directExecutor());
        IncidentBook book = new IncidentBook(
                () -> store,
                time,
                NEVER,
                bus,
                IncidentSettings.defaults(),
                Map.of(),
                MoreExecutors.newDirectExecutorService(),
                Optional.empty());
        book.load();
        return book;
    }
}
