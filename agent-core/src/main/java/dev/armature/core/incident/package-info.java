/**
 * Incidents kept in a data directory, read and changed while no system runs on it: what the {@code
 * armature incidents} command uses.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.incident;

import org.jspecify.annotations.NullMarked;
