package dev.armature.testing.functional;

import dev.armature.api.state.StateStore;
import dev.armature.testing.InMemoryStateStore;
import dev.armature.testing.StateStoreCompatibilityKit;

/** The in-memory fake passes the same kit as the real stores, so tests that use it stay honest. */
class InMemoryStateStoreCompatibilityTest extends StateStoreCompatibilityKit {
    @Override
    protected StateStore createStore() {
        return new InMemoryStateStore();
    }
}
