/**
 * Extension points of recovery: {@link dev.armature.spi.resilience.RecoveryStep}s, the built-in
 * ones in {@link dev.armature.spi.resilience.RecoverySteps}, and {@link
 * dev.armature.spi.resilience.RecoveryChain}s that bind them to a target, added on the builder or
 * through {@code PluginContext#addRecoveryChain}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.resilience;

import org.jspecify.annotations.NullMarked;
