/**
 * Test support that users put into their own JUnit 5 tests: extensions built on {@code ManualTime}, in-memory fakes, chaos and fault injection, assertions and compatibility kits for SPI implementers. Filled by later issues; the module holds its place in the build until then.
 */
@NullMarked
package dev.armature.testing;

import org.jspecify.annotations.NullMarked;
