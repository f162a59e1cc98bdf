/**
 * Runbooks as code: a {@link dev.armature.spi.incident.Runbook} is an ordered list of {@link
 * dev.armature.spi.incident.RunbookStep}s (checks, automated {@link
 * dev.armature.spi.incident.RunbookAction}s with rollbacks, and manual gates) bound to the
 * incidents it answers; the built-in actions are in {@link dev.armature.spi.incident.RunbookActions}.
 * Plugins contribute runbooks with {@code PluginContext#contribute(Runbook.class, runbook)}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.incident;

import org.jspecify.annotations.NullMarked;
