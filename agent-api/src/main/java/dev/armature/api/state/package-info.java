/**
 * Durable state: the {@link dev.armature.api.state.StateStore} (namespaced keys to bytes, with a
 * version per key and compare-and-set), the append-only {@link dev.armature.api.state.Journal},
 * the rules for namespaces and keys in {@link dev.armature.api.state.StateNames}, and the typed
 * failures of both. The embedded implementations live in agent-core and keep their files under an
 * exclusively owned data directory; a distributed implementation can stand in for the store as long
 * as it passes {@code StateStoreCompatibilityKit} from agent-testing.
 */
@NullMarked
package dev.armature.api.state;

import org.jspecify.annotations.NullMarked;
