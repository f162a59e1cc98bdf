/**
 * Internal: incident management. The component {@code armature.incidents} turns the system's signals
 * into de-duplicated incidents, keeps each with its timeline in the state store, moves them through
 * their states, resolves quiet ones, and tells the notification channels.
 */
@NullMarked
package dev.armature.core.internal.incident;

import org.jspecify.annotations.NullMarked;
