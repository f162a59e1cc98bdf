/**
 * Time, scheduling and chance: every part of Armature reads the time from a {@link
 * dev.armature.api.time.TimeSource}, schedules on a {@link dev.armature.api.time.Scheduler} and
 * draws randomness from a {@link dev.armature.api.time.RandomSource}, so that tests can run on
 * virtual time with fixed seeds.
 */
@NullMarked
package dev.armature.api.time;

import org.jspecify.annotations.NullMarked;
