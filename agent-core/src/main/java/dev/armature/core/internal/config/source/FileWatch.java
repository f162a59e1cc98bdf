package dev.armature.core.internal.config.source;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.armature.api.config.ConfigException;
import dev.armature.api.time.Cancellable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One watch of one file: a {@link WatchService} on its directory and the thread that drains it. */
final class FileWatch implements Cancellable {
    private static final Logger log = LoggerFactory.getLogger(FileWatch.class);

    private final FileConfigSource source;
    private final Path fileName;
    private final WatchService service;
    private final Runnable onChange;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Thread thread;

    private FileWatch(
            FileConfigSource source, Path fileName, WatchService service, Runnable onChange, ThreadFactory threads) {
        this.source = source;
        this.fileName = fileName;
        this.service = service;
        this.onChange = onChange;
        this.thread = threads.newThread(this::run);
    }

    static FileWatch start(FileConfigSource source, Runnable onChange, ThreadFactory threads) {
        Path absolute = source.file().toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        Path fileName = absolute.getFileName();
        if (directory == null || fileName == null) {
            throw cannotWatch(source, "it has no parent directory", null);
        }
        WatchService service;
        try {
            service = directory.getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            throw cannotWatch(source, "the file system offers no watch service", e);
        }
        try {
            directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            closeQuietly(service);
            throw cannotWatch(source, "its directory " + directory + " cannot be watched (does it exist?)", e);
        }
        FileWatch watch = new FileWatch(source, fileName, service, onChange, threads);
        watch.thread.start();
        return watch;
    }

    /**
     * Returns the thread that drains the watch service, for tests that check it ends.
     *
     * @return the thread
     */
    Thread thread() {
        return thread;
    }

    @Override
    public boolean cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return false;
        }
        closeQuietly(service); // wakes take() with ClosedWatchServiceException
        return true;
    }

    private void run() {
        try {
            while (!cancelled.get()) {
                WatchKey key = service.take();
                boolean changed = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    changed |= event.kind() == OVERFLOW || fileName.equals(event.context());
                }
                if (changed && !cancelled.get()) {
                    notifyChange();
                }
                if (!key.reset()) {
                    log.atWarn()
                            .addKeyValue("source", source.name())
                            .log(
                                    "the configuration file's directory can no longer be watched; changes are seen only by polling");
                    return;
                }
            }
        } catch (ClosedWatchServiceException e) {
            // cancelled: the thread ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(service);
        }
    }

    private void notifyChange() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("source", source.name())
                    .setCause(e)
                    .log("a configuration change listener failed; watching goes on");
        }
    }

    private static ConfigException cannotWatch(
            FileConfigSource source, String why, @org.jspecify.annotations.Nullable Throwable cause) {
        return new ConfigException(
                "armature.config.watch",
                "configuration file " + source.file() + " cannot be watched: " + why
                        + "; create the directory first, or rely on polling (armature.config.poll-interval)",
                null,
                cause);
    }

    private static void closeQuietly(WatchService service) {
        try {
            service.close();
        } catch (IOException e) {
            log.atDebug().setCause(e).log("closing a watch service failed");
        }
    }
}
