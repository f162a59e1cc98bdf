/**
 * Internal: the guards behind {@link dev.armature.api.resilience.Guard} — their settings read from
 * {@code armature.guards.*}, the error classifier chain, the retry budget and backoff, the circuit
 * breaker (Resilience4j's, driven directly, with Armature's extra tripping modes), the rate limiter
 * and bulkhead, and their meters and events. Not API.
 */
@NullMarked
package dev.armature.core.internal.resilience;

import org.jspecify.annotations.NullMarked;
