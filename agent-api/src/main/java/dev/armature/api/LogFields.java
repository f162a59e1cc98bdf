package dev.armature.api;

/**
 * The fixed names of the key-value fields in Armature's log lines, so that a host can index and
 * query them without reading the SDK's messages.
 *
 * <p>The SDK logs through the SLF4J 2 API only and ships no binding: a host that wants these
 * fields in its output chooses a binding that writes key-value pairs (Logback's {@code %kvp}
 * conversion word or its {@code JsonEncoder}, for example). A field's name never changes within a
 * major version; messages may. {@link #CORRELATION_ID} is the one field the SDK does not set itself:
 * a host puts it into SLF4J's {@code MDC}, and the SDK carries the submitting thread's {@code MDC}
 * into the work it hands to its own executors and scheduler, and into the delivery of each event
 * to its listeners.
 *
 * <pre>{@code
 * MDC.put(LogFields.CORRELATION_ID, request.id());
 * try {
 *     guard.call(() -> client.fetch(request)); // the guard's log lines carry correlation.id
 * } finally {
 *     MDC.remove(LogFields.CORRELATION_ID);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class LogFields {
    /** The name of the component a line is about, as in its descriptor: {@value}. */
    public static final String COMPONENT = "component";

    /** The name of the guard a line is about: {@value}. */
    public static final String GUARD = "guard";

    /**
     * The fingerprint of a recorded error, the same for every occurrence of one kind of error (see {@link
     * dev.armature.api.resilience.Fingerprint}): {@value}.
     */
    public static final String ERROR_FINGERPRINT = "error.fingerprint";

    /**
     * The id that ties the lines of one unit of work together, set by the host in SLF4J's {@code
     * MDC} and carried by the SDK across its threads: {@value}.
     */
    public static final String CORRELATION_ID = "correlation.id";

    /**
     * The target of a recovery chain, as {@link dev.armature.api.resilience.RecoveryTarget#toString()}
     * writes it ({@code component:sessions}, {@code guard:model.chat}): {@value}.
     */
    public static final String RECOVERY_TARGET = "recovery.target";

    /** The name of the agent system a line comes from, for hosts that run more than one: {@value}. */
    public static final String SYSTEM = "system";

    private LogFields() {}
}
