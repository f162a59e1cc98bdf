/**
 * JMH benchmarks, each measured beside the baseline it is compared with; results are recorded in {@code docs/performance.md}.
 */
@NullMarked
package dev.armature.benchmarks;

import org.jspecify.annotations.NullMarked;
