package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds Prometheus's binaries on the {@code PATH} (Debian's {@code prometheus} package puts them in
 * {@code /usr/bin}, and {@code .ci/run} installs it). A test that needs one is skipped where it is
 * missing, except under {@code CI=true}, where a missing binary is a broken build machine and fails.
 */
final class PrometheusBinaries {
    private PrometheusBinaries() {}

    /** Returns the binary's path, or skips the test (fails it under CI) when it is not installed. */
    static Path require(String name) {
        Optional<Path> found = find(name);
        String why = name + " is not on the PATH; install Debian's prometheus package"
                + " (apt-get install -y prometheus), as .ci/run does";
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + why);
            }
            assumeTrue(false, why);
        }
        return found.orElseThrow();
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
