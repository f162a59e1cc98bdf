/**
 * Internal: error detection — the {@link dev.armature.core.internal.errors.detect.ErrorDetector}
 * counts recorded errors per fingerprint and finds new errors, spikes, escalation and rising
 * trends, each once per episode. Not API.
 */
@NullMarked
package dev.armature.core.internal.errors.detect;

import org.jspecify.annotations.NullMarked;
