/**
 * Guarded calls and error intelligence: {@link dev.armature.api.resilience.Guard}s built from
 * configuration, the classification of failures, fingerprints of errors, and the events both
 * publish.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.resilience;

import org.jspecify.annotations.NullMarked;
