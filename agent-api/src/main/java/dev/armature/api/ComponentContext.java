package dev.armature.api;

import dev.armature.api.config.Config;
import dev.armature.api.event.EventBus;
import dev.armature.api.resilience.Errors;
import dev.armature.api.resilience.Guard;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;

/**
 * A component's view of its system for one generation. Thread-safe.
 *
 * @since 0.1
 */
public interface ComponentContext {
    /**
     * Returns the component's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the generation: 1 on the first start, one more on each restart.
     *
     * @return the generation, at least 1
     */
    long generation();

    /**
     * Returns the system's time source.
     *
     * @return the time source
     */
    TimeSource timeSource();

    /**
     * Returns the system's scheduler.
     *
     * @return the scheduler
     */
    Scheduler scheduler();

    /**
     * Returns the system's random source.
     *
     * @return the random source
     */
    RandomSource randomSource();

    /**
     * Returns the system's event bus.
     *
     * @return the event bus
     */
    EventBus events();

    /**
     * Returns the system's data directory: the one given with {@link
     * AgentSystem.Builder#dataDirectory(java.nio.file.Path)}, or {@code armature-data} under the
     * working directory. The system's state store keeps its files there; a component that writes
     * files of its own (exports, caches) puts them in a subdirectory named after itself. The
     * directory may not exist yet.
     *
     * @return the data directory, absolute
     */
    java.nio.file.Path dataDirectory();

    /**
     * Returns the system's configuration, for the settings a component reads when it starts and the
     * changes it listens to ({@code config().onChange(prefix, listener)}).
     *
     * @return the configuration
     */
    Config config();

    /**
     * Returns the system's guard of a name, as {@link AgentSystem#guard(String)} does.
     *
     * @param name the guard's name, for example {@code model.chat}
     * @return the guard
     * @throws IllegalArgumentException if the name is not lower-case and dotted
     */
    Guard guard(String name);

    /**
     * Returns the system's error intelligence, as {@link AgentSystem#errors()} does. Failures the
     * component reports, and failures of its start, are recorded there already.
     *
     * @return the errors service
     */
    Errors errors();

    /**
     * Returns a service of the system, as {@link AgentSystem#service(Class)} does: the meter
     * registry, the state store, the {@link AgentSystem} itself (for its {@link
     * AgentSystem#snapshot() snapshot}), or another module's service.
     *
     * @param <T> the service type
     * @param type the service interface
     * @return the service
     * @throws ModuleMissingException if the module that provides it is not on the class path
     */
    <T> T service(Class<T> type);

    /**
     * Returns the instances of an SPI that plugins contributed ({@code PluginContext#contribute}),
     * in contribution order: how the module that owns an area finds the health checks, channels or
     * exporters others added.
     *
     * @param <T> the SPI type
     * @param spiType the SPI interface
     * @return the instances, possibly none
     */
    <T> java.util.List<T> contributions(Class<T> spiType);

    /**
     * Tells the supervisor that the component has failed while running; its restart policy
     * decides what happens next. A report from an earlier generation, or while the component is
     * not running, is ignored.
     *
     * @param cause what went wrong
     */
    void reportFailure(Throwable cause);

    /**
     * Tells the supervisor that the component has finished its work normally. A {@link
     * RestartKind#PERMANENT} component is restarted; the others stop.
     */
    void reportCompleted();
}
