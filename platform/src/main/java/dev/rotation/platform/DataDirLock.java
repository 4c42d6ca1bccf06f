package dev.rotation.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a broker's data directory, held for the broker's whole life (restarts
 * included). Kafka starts its KRaft controller, which writes the metadata log, before its own log
 * directory lock is taken; a second broker on the same directory would corrupt the first.
 */
final class DataDirLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("platform.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            return new DataDirLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDir);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock data directory " + dataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException(
                "Data directory "
                        + dataDir
                        + " is in use by another broker; "
                        + "stop it or choose another --data-dir");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "DataDirLock[" + file + "]";
    }
}
