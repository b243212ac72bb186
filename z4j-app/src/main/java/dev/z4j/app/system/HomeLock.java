package dev.z4j.app.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code $Z4J_HOME/z4j.lock}: an OS file lock held by a running brain for its whole life. Offline writers
 * ({@code restore}) test it. The kernel releases it when the process dies, even on kill -9.
 */
public final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws {@link ConfigException} naming the holder when another brain has it. */
    public static HomeLock acquire(Home home) {
        return tryAcquire(home).orElseThrow(() -> new ConfigException("another brain is already running on home "
                + home.dir() + holderSuffix(home.lockFile()) + "; stop it first"));
    }

    /** Takes the lock when no other process holds it; empty when one does. */
    public static Optional<HomeLock> tryAcquire(Home home) {
        Path file = home.lockFile();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return Optional.of(new HomeLock(channel, lock));
        } catch (IOException e) {
            throw new ConfigException("cannot create " + file + " (" + e.getMessage() + ")");
        }
    }

    /** Whether some process holds the lock right now (without keeping it). */
    public static boolean isHeld(Home home) {
        Path file = home.lockFile();
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid written by the holder, when readable. */
    public static Optional<Long> holderPid(Home home) {
        try {
            String text = Files.readString(home.lockFile(), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String holderSuffix(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "" : " (z4j.lock held by pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
