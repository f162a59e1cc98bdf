/**
 * Internal: the system's meter registry set-up — the clock adapter, common tags, the cardinality
 * guard — and the meters of the orchestrator and the event bus. Not API.
 */
@NullMarked
package dev.armature.core.internal.metrics;

import org.jspecify.annotations.NullMarked;
