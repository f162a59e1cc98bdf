package dev.armature.testing.functional;

import dev.armature.api.state.StateStore;
import dev.armature.core.state.EmbeddedStorage;
import dev.armature.testing.StateStoreCompatibilityKit;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The embedded, file-based store passes the compatibility kit, including a reopen of its directory. */
class EmbeddedStateStoreCompatibilityTest extends StateStoreCompatibilityKit {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private @Nullable EmbeddedStorage storage;

    @Override
    protected StateStore createStore() {
        EmbeddedStorage opened = EmbeddedStorage.open(dir);
        storage = opened;
        return opened.stateStore();
    }

    @Override
    protected StateStore reopen(StateStore store) {
        closeStorage();
        return createStore();
    }

    @AfterEach
    void closeStorage() {
        EmbeddedStorage open = storage;
        if (open != null) {
            open.close();
            storage = null;
        }
    }
}
