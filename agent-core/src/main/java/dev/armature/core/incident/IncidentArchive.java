package dev.armature.core.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.Incidents;
import dev.armature.core.internal.incident.IncidentBooks;
import dev.armature.core.state.EmbeddedStorage;
import java.nio.file.Path;

/**
 * The incidents of a data directory, opened while no system runs on it: to list, read, acknowledge
 * and resolve them from a tool. Nothing happens by itself here: no signal arrives, no timer runs and
 * no channel is told; a change is saved at once, and the system reads it when it next starts. Holds
 * the directory's lock until closed, so it cannot be opened while a system runs on the directory.
 *
 * <pre>{@code
 * try (IncidentArchive archive = IncidentArchive.open(Path.of("armature-data"))) {
 *     archive.incidents().acknowledge("INC-3", "alice");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class IncidentArchive implements AutoCloseable {
    private final EmbeddedStorage storage;
    private final Incidents incidents;

    private IncidentArchive(EmbeddedStorage storage, Incidents incidents) {
        this.storage = storage;
        this.incidents = incidents;
    }

    /**
     * Opens the incidents of a data directory.
     *
     * @param dataDirectory the directory a system keeps its state in
     * @return the archive; close it to release the directory
     * @throws dev.armature.api.state.DataDirectoryLockedException if a system runs on the directory
     * @throws dev.armature.api.state.StateStoreException if the directory cannot be read
     */
    public static IncidentArchive open(Path dataDirectory) {
        EmbeddedStorage storage = EmbeddedStorage.open(requireNonNull(dataDirectory, "dataDirectory"));
        try {
            return new IncidentArchive(storage, IncidentBooks.offline(storage.stateStore()));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /**
     * Returns the incidents, to read and change; the calls behave as they do in a running system,
     * except that nothing is published or notified.
     *
     * @return the incidents
     */
    public Incidents incidents() {
        return incidents;
    }

    /** Releases the data directory. */
    @Override
    public void close() {
        storage.close();
    }
}
