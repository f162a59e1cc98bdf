/**
 * The {@code armature} command line (picocli): {@link dev.armature.cli.ArmatureCli} is its entry
 * point. Commands today: {@code keygen}, {@code config encrypt} and {@code config decrypt}; the
 * commands themselves live in {@code dev.armature.cli.internal}.
 */
@NullMarked
package dev.armature.cli;

import org.jspecify.annotations.NullMarked;
