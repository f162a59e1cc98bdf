/**
 * The {@code armature} command line (picocli): inspect configuration, export schemas and graphs, verify licenses. Filled by the configuration issue; the module holds its place in the build until then.
 */
@NullMarked
package dev.armature.cli;

import org.jspecify.annotations.NullMarked;
