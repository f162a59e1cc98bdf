package dev.armature.samples.host;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's working directory: a fresh temporary directory with a tiny project in it, deleted on stop. */
final class Workspace implements Component {
    static final String NAME = "workspace";
    private static final Logger log = LoggerFactory.getLogger(Workspace.class);

    private final Optional<Path> parent;
    private volatile @Nullable Path root;

    Workspace(Optional<Path> parent) {
        this.parent = requireNonNull(parent, "parent");
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public void start(ComponentContext context) throws IOException {
        Path dir = parent.isPresent()
                ? Files.createTempDirectory(parent.get(), "armature-agent-host-")
                : Files.createTempDirectory("armature-agent-host-");
        root = dir;
        Files.writeString(dir.resolve("README.md"), "# demo project\n", StandardCharsets.UTF_8);
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(
                src.resolve("Main.java"),
                "class Main { public static void main(String[] a) {} }\n",
                StandardCharsets.UTF_8);
        log.atInfo().addKeyValue("dir", dir).log("workspace ready");
    }

    @Override
    public void stop() throws IOException {
        // Also called after a failed start, when there may be nothing to delete.
        Path dir = root;
        root = null;
        if (dir == null) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
        log.atInfo().addKeyValue("dir", dir).log("workspace deleted");
    }

    /**
     * Returns the workspace's directory.
     *
     * @throws IllegalStateException if the workspace is not running
     */
    Path root() {
        Path dir = root;
        if (dir == null) {
            throw new IllegalStateException("the workspace is not running");
        }
        return dir;
    }
}
