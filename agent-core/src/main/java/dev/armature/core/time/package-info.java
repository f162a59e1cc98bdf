/**
 * Virtual time for tests: {@link dev.armature.core.time.ManualTime} is a {@code TimeSource} and a
 * {@code Scheduler} whose clock moves only when a test advances it.
 */
@NullMarked
package dev.armature.core.time;

import org.jspecify.annotations.NullMarked;
