package dev.armature.core.internal.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A child JVM on this test's class path, running one main class, read line by line. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path errors;

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = errors;
    }

    static ChildJvm start(Class<?> main, Path errors, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command =
                new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
                .start();
        return new ChildJvm(process, errors);
    }

    long pid() {
        return process.pid();
    }

    /** Returns the next complete line; fails if the child ended first. */
    String readLine() throws IOException {
        @Nullable String line = out.readLine();
        if (line == null) {
            throw new AssertionError("the child process ended early; its standard error:\n"
                    + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return line;
    }

    /**
     * Kills the child with SIGKILL (on Linux and macOS) and waits until it is gone. Through its
     * {@code ProcessHandle}, because {@code Process.destroyForcibly()} also closes our end of the
     * child's output, and the lines it wrote just before dying are still to be read.
     */
    void kill() {
        var unused = process.toHandle().destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the child is gone, returns the rest of its output, without a last line it did not finish. */
    List<String> remainingCompleteLines() throws IOException {
        StringBuilder rest = new StringBuilder();
        for (int c = out.read(); c >= 0; c = out.read()) {
            rest.append((char) c);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(rest.toString().split("\n", -1)));
        lines.remove(lines.size() - 1); // empty if the output ended with a newline, else a torn line
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            kill();
        }
        out.close();
    }
}
