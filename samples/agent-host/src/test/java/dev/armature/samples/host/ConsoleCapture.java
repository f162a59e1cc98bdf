package dev.armature.samples.host;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A console a test can wait on: blocks until a text appears, without sleeping. */
final class ConsoleCapture extends ByteArrayOutputStream {
    final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        notifyAll();
    }

    @Override
    public synchronized void write(int b) {
        super.write(b);
        notifyAll();
    }

    /** Waits until the output contains {@code text}, failing after {@code timeout}. */
    synchronized void await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!toString(StandardCharsets.UTF_8).contains(text)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("'" + text + "' never appeared in:\n" + toString(StandardCharsets.UTF_8));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
