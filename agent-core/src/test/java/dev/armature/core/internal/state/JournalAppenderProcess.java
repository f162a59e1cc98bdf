package dev.armature.core.internal.state;

import dev.armature.api.state.DataDirectoryLockedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link JournalCrashTest}: it owns a data directory and, in mode {@code
 * append}, appends records from several threads forever, printing {@code ack <sequence> <id>} once
 * each append has returned; in mode {@code hold}, it prints {@code locked} and waits for its input
 * to close. The parent kills it with SIGKILL.
 */
public final class JournalAppenderProcess {
    private JournalAppenderProcess() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        String mode = args[1];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DataDirectory data;
        try {
            data = DataDirectory.open(directory);
        } catch (DataDirectoryLockedException e) {
            out.println("refused " + e.code());
            return;
        }
        if (mode.equals("hold")) {
            out.println("locked");
            while (System.in.read() >= 0) {
                // wait until the parent closes our input or kills us
            }
            data.close();
            return;
        }
        FileJournal journal = FileJournal.open(data, "crash");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (long i = 0; ; i++) {
                    String id = thread + "-" + i;
                    long sequence = journal.append(id.getBytes(StandardCharsets.UTF_8));
                    synchronized (out) {
                        out.println("ack " + sequence + " " + id);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
    }
}
