/**
 * Internal: the configuration manager — merging sources by ordinal and profile, resolving
 * expressions, decrypting, parsing declared keys into immutable snapshots, validating them, and
 * applying changes as transactions with a history that can be rolled back.
 */
@NullMarked
package dev.armature.core.internal.config;

import org.jspecify.annotations.NullMarked;
