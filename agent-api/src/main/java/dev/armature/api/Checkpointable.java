package dev.armature.api;

/**
 * A component whose state survives its stop: the orchestrator asks it for a {@link #checkpoint()}
 * before it stops the component at shutdown and every checkpoint interval while it runs, keeps the
 * last three in the system's state store, each checksummed and tagged with {@link
 * #checkpointVersion()}, and hands the newest intact one to {@link #restore} before each start —
 * in this process after a restart, or in the next one.
 *
 * <p>{@code checkpoint} and {@code restore} run on the orchestrator's pool, never concurrently with
 * {@code start} or {@code stop}; {@code restore} runs inside the start's timeout. A component that
 * cannot use a checkpoint (an unknown version, say) ignores it and starts afresh.
 *
 * <pre>{@code
 * final class SessionManager implements Checkpointable {
 *     private volatile long turns;
 *     public byte[] checkpoint() { return Long.toString(turns).getBytes(UTF_8); }
 *     public void restore(Checkpoint c) { turns = Long.parseLong(new String(c.state(), UTF_8)); }
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Checkpointable extends Component {
    /**
     * Returns the state to keep. Called while the component is running.
     *
     * @return the state; may be empty
     * @throws Exception if no checkpoint can be taken now; the previous ones are kept
     */
    byte[] checkpoint() throws Exception;

    /**
     * Restores the newest intact checkpoint, before {@link #start}. Not called when there is none.
     *
     * @param checkpoint the checkpoint
     * @throws Exception if it cannot be restored, which fails the start
     */
    void restore(Checkpoint checkpoint) throws Exception;

    /**
     * Returns the version of the component's checkpoint format, stored with each checkpoint so that
     * {@link #restore} can tell formats apart.
     *
     * @return the version; {@code "1"} by default
     */
    default String checkpointVersion() {
        return "1";
    }
}
