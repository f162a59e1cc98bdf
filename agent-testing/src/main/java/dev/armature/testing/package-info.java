/**
 * Test support that users put into their own JUnit 5 tests: in-memory fakes such as {@link
 * dev.armature.testing.InMemoryStateStore}, and compatibility kits for implementers of Armature's
 * interfaces such as {@link dev.armature.testing.StateStoreCompatibilityKit}. Extensions built on
 * {@code ManualTime}, chaos and fault injection and assertions follow in later issues.
 */
@NullMarked
package dev.armature.testing;

import org.jspecify.annotations.NullMarked;
