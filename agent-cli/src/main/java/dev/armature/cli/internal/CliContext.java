package dev.armature.cli.internal;

import java.io.InputStream;
import java.util.Map;

/**
 * Internal: what commands take from the process other than their arguments, given explicitly so that
 * tests can run them in-process.
 *
 * @param standardInput what a value of {@code -} reads
 * @param environment the environment variables
 */
public record CliContext(InputStream standardInput, Map<String, String> environment) {}
