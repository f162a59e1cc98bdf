package dev.armature.samples.host;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs the agent's tools inside the workspace. The one tool here lists the workspace's files with
 * {@code java.nio}; a real host would decide each call first (see the security module) and run
 * shell commands in a sandbox.
 */
final class ToolRunner implements Component {
    static final String NAME = "tool-runner";

    private final Workspace workspace;
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean running;

    ToolRunner(Workspace workspace) {
        this.workspace = requireNonNull(workspace, "workspace");
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME, Workspace.NAME);
    }

    @Override
    public void start(ComponentContext context) {
        // The workspace runs before this starts; check it once so a broken one fails the start here.
        if (!Files.isDirectory(workspace.root())) {
            throw new IllegalStateException("workspace " + workspace.root() + " is not a directory");
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    /**
     * Lists every regular file in the workspace, relative to its root, in name order.
     *
     * @throws IOException if the workspace cannot be read
     * @throws IllegalStateException if the tool runner is not running
     */
    List<String> listFiles() throws IOException {
        if (!running) {
            throw new IllegalStateException("the tool runner is not running");
        }
        calls.incrementAndGet();
        Path root = workspace.root();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    long calls() {
        return calls.get();
    }
}
