package dev.z4j.adapter.jdbc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited tmpfs mounted for a test, to make a disk fill up for real. Needs root (CI runs as root); elsewhere the
 * test is skipped with the reason.
 */
public final class SmallFileSystem implements AutoCloseable {

    private final Path mountPoint;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code sizeKib} KiB at a new directory under {@code parent}, or skips the test. */
    public static SmallFileSystem mount(Path parent, int sizeKib) {
        Path point = parent.resolve("small-fs");
        try {
            Files.createDirectories(point);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = run("mount", "-t", "tmpfs", "-o", "size=" + sizeKib + "k,mode=0700", "tmpfs", point.toString());
        assumeTrue(exit == 0, "cannot mount a size-limited tmpfs here (needs root and mount rights): the disk-full "
                + "test is skipped");
        return new SmallFileSystem(point);
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the file system up, leaving about {@code leaveKib} KiB free; returns the filler file. */
    public Path fillLeaving(int leaveKib) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        long size = Math.max(0, free - leaveKib * 1024L);
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return filler;
    }

    @Override
    public void close() {
        run("umount", "-l", mountPoint.toString());
    }

    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
