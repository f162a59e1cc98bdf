/**
 * Internal: the commands of {@code armature}, their shared options and how failures become exit
 * codes. Not API; {@link dev.armature.cli.ArmatureCli} is the entry point.
 */
@NullMarked
package dev.armature.cli.internal;

import org.jspecify.annotations.NullMarked;
