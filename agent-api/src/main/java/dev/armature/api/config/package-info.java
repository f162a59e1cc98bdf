/**
 * Configuration as hosts read it: the {@link dev.armature.api.config.Config} service with typed reads
 * over immutable snapshots, provenance of every value, a schema with validation, reload as a
 * transaction, history with rollback, and encrypted values read as {@link
 * dev.armature.api.config.Secret}s.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.config;

import org.jspecify.annotations.NullMarked;
