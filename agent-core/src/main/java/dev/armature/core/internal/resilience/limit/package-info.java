/**
 * Internal: adaptive concurrency limits for guards. A {@link
 * dev.armature.core.internal.resilience.limit.ConcurrencyLimit} is the algorithm that moves the limit
 * from samples of round-trip time and drops ({@link
 * dev.armature.core.internal.resilience.limit.AimdLimit} by default, {@link
 * dev.armature.core.internal.resilience.limit.Gradient2Limit} as the alternative, both after
 * Netflix's concurrency-limits); an {@link
 * dev.armature.core.internal.resilience.limit.AdaptiveLimiter} admits calls, lock-free, while fewer
 * than the limit are in flight, and feeds each call's outcome back to the algorithm. Settings come
 * from {@code armature.guards.<name>.adaptive-limiter.*}, read by the guard's settings into an
 * {@link dev.armature.core.internal.resilience.limit.AdaptiveLimiterSettings}.
 */
@NullMarked
package dev.armature.core.internal.resilience.limit;

import org.jspecify.annotations.NullMarked;
