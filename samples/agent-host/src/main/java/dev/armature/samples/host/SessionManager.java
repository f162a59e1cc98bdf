package dev.armature.samples.host;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.resilience.GuardException;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.time.Cancellable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's session: on the system's scheduler, one "agent turn" per period, in which the
 * tool runner looks at the workspace and the model chooses the next step. A turn whose model call
 * fails (the guard refused it, or its last attempt failed) is published as {@link AgentTurnFailed}
 * and the session goes on: the guard already retried it and recorded the error. Any other failure
 * is reported to the supervisor, which restarts this component under its restart policy. Its turn
 * count is checkpointed, so a restart, or the next run with the same data directory, resumes it.
 */
final class SessionManager implements Checkpointable {
    static final String NAME = "session-manager";
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);

    private final ModelGateway model;
    private final ToolRunner tools;
    private final AtomicLong turns = new AtomicLong();
    /** Held while a turn runs, so that draining can wait for the turn in flight. */
    private final ReentrantLock turnLock = new ReentrantLock();

    private volatile boolean accepting;
    private volatile @Nullable Cancellable schedule;

    SessionManager(ModelGateway model, ToolRunner tools) {
        this.model = requireNonNull(model, "model");
        this.tools = requireNonNull(tools, "tools");
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME, ModelGateway.NAME, ToolRunner.NAME);
    }

    @Override
    public void start(ComponentContext context) {
        accepting = true;
        // Read at start: the key is not reloadable, so a change waits for the next start.
        Duration turnInterval = context.config().get(HostSettings.TURN_INTERVAL, Duration.class);
        schedule = context.scheduler().scheduleAtFixedRate(Duration.ZERO, turnInterval, () -> turn(context));
    }

    @Override
    public void stop() {
        accepting = false;
        Cancellable s = schedule;
        schedule = null;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public byte[] checkpoint() {
        return Long.toString(turns.get()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void restore(Checkpoint checkpoint) {
        if (!checkpoint.version().equals(checkpointVersion())) {
            log.atWarn().addKeyValue("version", checkpoint.version()).log("ignoring a checkpoint of another format");
            return;
        }
        turns.set(Long.parseLong(new String(checkpoint.state(), StandardCharsets.UTF_8)));
        log.atInfo().addKeyValue("turns", turns.get()).log("session resumed");
    }

    /** Stops taking new turns and waits for the turn in flight; a task of the drain phase. */
    void drain() {
        accepting = false;
        turnLock.lock(); // returns once the turn in flight, if any, has ended
        try {
            log.atInfo().addKeyValue("turns", turns.get()).log("session drained");
        } finally {
            turnLock.unlock();
        }
    }

    long turns() {
        return turns.get();
    }

    private void turn(ComponentContext context) {
        turnLock.lock();
        try {
            if (!accepting) {
                return;
            }
            long n = turns.incrementAndGet();
            List<String> files = tools.listFiles();
            String action;
            try {
                action = model.complete("Files in the workspace: " + String.join(", ", files));
            } catch (GuardRejectedException e) {
                String reason = "the guard " + e.guard() + " refused the call (" + e.reason() + ")"
                        + e.retryAfter()
                                .map(d -> ", retry after " + d.toMillis() + " ms")
                                .orElse("");
                var unused = context.events().publish(NAME, new AgentTurnFailed(n, reason));
                return;
            } catch (GuardException e) {
                // The IOException of the client's last attempt, wrapped by the guard; already recorded.
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                var unused = context.events().publish(NAME, new AgentTurnFailed(n, "the model call failed: " + cause));
                return;
            }
            log.atInfo()
                    .addKeyValue("turn", n)
                    .addKeyValue("files", files.size())
                    .addKeyValue("next", action)
                    .log("agent turn");
            var unused = context.events().publish(NAME, new AgentTurnCompleted(n, files.size(), action));
        } catch (IOException | RuntimeException e) {
            context.reportFailure(e);
        } finally {
            turnLock.unlock();
        }
    }
}
