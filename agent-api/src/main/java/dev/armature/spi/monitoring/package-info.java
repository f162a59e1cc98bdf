/**
 * Extension points of monitoring: {@link dev.armature.spi.monitoring.AlertRuleSource}s, which
 * plugins contribute to give the alert engine rules from code, and the {@link
 * dev.armature.spi.monitoring.EndpointAuthorizer} that decides who sees the details of the
 * monitoring endpoints.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.monitoring;

import org.jspecify.annotations.NullMarked;
