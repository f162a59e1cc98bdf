/**
 * {@link dev.armature.core.runbook.RunbooksExtension}: how a host gives the system its own runbooks,
 * beside those plugins contribute. Apart from {@code dev.armature.core.incident} because the runtime
 * reads it, while that package reads the runtime.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.runbook;

import org.jspecify.annotations.NullMarked;
