/** Internal: the alert engine — rules, their states, evaluation and persistence. */
@NullMarked
package dev.armature.monitoring.internal.alert;

import org.jspecify.annotations.NullMarked;
