package dev.armature.api;

import dev.armature.api.health.HealthCheck;
import java.util.List;

/**
 * A named, managed unit of a host: a workspace, a model gateway, a tool runner.
 *
 * <p>The orchestrator calls {@link #start} once all hard dependencies are running and {@link
 * #stop} before any of them stops, each on its own pool thread under the descriptor's timeout; a
 * timed-out call is interrupted. The two are never called concurrently for one component. After a
 * restart, {@code start} is called again on the same instance with a new {@link
 * ComponentContext#generation() generation}.
 *
 * <pre>{@code
 * final class Workspace implements Component {
 *     public ComponentDescriptor descriptor() { return ComponentDescriptor.of("workspace"); }
 *     public void start(ComponentContext context) throws Exception { ... }
 *     public void stop() throws Exception { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Component {
    /**
     * Returns what the orchestrator needs to know about this component. Called once, at {@code
     * build()}.
     *
     * @return the descriptor; never {@code null}
     */
    ComponentDescriptor descriptor();

    /**
     * Starts the component. Returns once it is ready for its dependents.
     *
     * @param context the component's view of the system for this generation
     * @throws Exception if it could not start; the component goes FAILED
     */
    void start(ComponentContext context) throws Exception;

    /**
     * Stops the component and releases what it holds. Also called after a failure, before a restart,
     * so it must cope with a half-started component.
     *
     * @throws Exception if it could not stop cleanly; the failure is reported and shutdown goes on
     */
    void stop() throws Exception;

    /**
     * Returns the checks the supervisor runs while the component is running. Called after each
     * successful start.
     *
     * @return the checks; empty by default
     */
    default List<HealthCheck> healthChecks() {
        return List.of();
    }
}
