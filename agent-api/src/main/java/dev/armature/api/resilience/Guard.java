package dev.armature.api.resilience;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named operation protected, from the outside in, by fallback, retry, circuit breaker, rate
 * limiter, time limiter and bulkhead (or an adaptive concurrency limit), each configured under
 * {@code armature.guards.<name>.*} and reconfigured live when that configuration changes.
 *
 * <p>A failure the operation throws is classified by the system's {@link ErrorClassifier}s and
 * recorded as an {@link ErrorEvent}; runtime exceptions and errors reach the caller unchanged,
 * checked exceptions wrapped in a {@link GuardException}. A call the guard refuses without running
 * the operation throws {@link GuardRejectedException}; one that runs out of time throws {@link
 * GuardTimeoutException}.
 *
 * <p>Guards are thread-safe; the system returns the same guard for the same name.
 *
 * @since 0.1
 */
public interface Guard {
    /**
     * Returns the guard's name.
     *
     * @return the name, for example {@code model.chat}
     */
    String name();

    /**
     * Runs an operation through the guard and returns its value.
     *
     * @param <T> the type of the value
     * @param operation the operation
     * @return the operation's value
     * @throws GuardRejectedException when the guard refused the call
     * @throws GuardTimeoutException when the call ran out of time
     * @throws GuardException wrapping a checked exception of the last attempt
     */
    <T> T call(GuardedCall<? extends T> operation);

    /**
     * Runs an operation through the guard; when every attempt fails or the guard refuses the call,
     * returns the fallback's value for the last failure instead.
     *
     * @param <T> the type of the value
     * @param operation the operation
     * @param fallback turns the last failure into a value; runtime exceptions it throws reach the
     *     caller
     * @return the operation's value, or the fallback's
     */
    <T> T call(GuardedCall<? extends T> operation, Function<Throwable, ? extends T> fallback);

    /**
     * Runs an operation through the guard for its effect.
     *
     * @param operation the operation
     * @throws GuardRejectedException when the guard refused the call
     * @throws GuardTimeoutException when the call ran out of time
     * @throws GuardException wrapping a checked exception of the last attempt
     */
    void run(GuardedRun operation);

    /**
     * Runs an asynchronous operation through the guard. Retries are scheduled on the system's
     * scheduler; no thread waits for them.
     *
     * @param <T> the type of the value
     * @param operation starts one attempt; called again for each retry
     * @return a stage completed with the value of the first successful attempt, or exceptionally
     *     with the last failure, a {@link GuardRejectedException} or a {@link GuardTimeoutException}
     */
    <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> operation);

    /**
     * Returns the guard for one key (a tenant, a model) under this guard's name: the same
     * configuration, its own state. Keyed guards not used for the configured idle time, or beyond
     * the configured number, are evicted; their meters are tagged with the key only for the most
     * used keys, the rest with {@code OTHER}.
     *
     * @param key the key
     * @return the keyed guard
     */
    Guard forKey(String key);

    /**
     * Returns the state of the guard's circuit breaker.
     *
     * @return the state; {@link CircuitState#DISABLED} when the guard has none
     */
    CircuitState circuitState();

    /**
     * Forces the circuit of the guards of this name (keyed ones included) open on behalf of a
     * holder: every call is rejected as {@code CIRCUIT_OPEN} while any holder holds it, whatever
     * the breaker's own state, and across reconfigurations. Each holder releases only its own hold,
     * so a circuit that safe mode (holder {@code safe-mode}) and a runbook (holder {@code runbook})
     * both forced open stays open until both have let go. Thread-safe.
     *
     * @param holder who holds the circuit open, lower-case words joined by hyphens
     * @param reason why, for the rejections, the events and people
     * @return whether this call took the hold; {@code false} when the holder held it already
     * @since 0.1
     */
    boolean forceOpen(String holder, String reason);

    /**
     * Releases a holder's hold on the circuit; the circuit stays forced open while another holder
     * holds it, and otherwise returns to the breaker's own state.
     *
     * @param holder the holder given to {@link #forceOpen}
     * @param reason why, for the events
     * @return whether the holder held it
     * @since 0.1
     */
    boolean releaseForce(String holder, String reason);

    /**
     * Moves the guard's circuit breaker to CLOSED, forgetting the failures it counted, as after a
     * fix; holds taken with {@link #forceOpen} stay. Nothing happens when the guard has no breaker.
     *
     * @param reason why, for the events
     * @since 0.1
     */
    void closeCircuit(String reason);

    /**
     * Returns the layers the guard was built with, from the outside in, and their options.
     *
     * @return the descriptor of the current configuration
     */
    GuardDescriptor descriptor();
}
