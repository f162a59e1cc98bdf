/**
 * Internal: the one loader of plugins (ServiceLoader on an explicit class loader), their version
 * checks, and what they contribute. Not API.
 */
@NullMarked
package dev.armature.core.internal.plugin;

import org.jspecify.annotations.NullMarked;
