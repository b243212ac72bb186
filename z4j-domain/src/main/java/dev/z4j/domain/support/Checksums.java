package dev.z4j.domain.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-256 of files and the {@code <file>.sha256} beside a backup, in the format of {@code sha256sum} (so
 * {@code sha256sum -c z4j-2026-04-24.db.sha256} checks it from the backup's folder).
 */
public final class Checksums {

    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(.+)$");

    private Checksums() {
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Digests the stream to its end (without closing it). */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** {@code <file>.sha256} */
    public static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** Writes {@code <hex>  <file name>} to the sidecar, atomically. */
    public static void writeSidecar(Path file, String sha256) {
        Path sidecar = sidecarOf(file);
        Path temp = sidecar.resolveSibling("." + sidecar.getFileName() + ".tmp");
        try {
            Files.writeString(temp, sha256 + "  " + file.getFileName() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sidecar, e);
        }
    }

    /**
     * The digest recorded in the sidecar of {@code file}, when there is one.
     *
     * @throws IllegalArgumentException when the sidecar exists but holds no sha256sum line for this file
     */
    public static Optional<String> expectedFromSidecar(Path file) {
        Path sidecar = sidecarOf(file);
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(sidecar, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line.strip());
                if (m.matches() && Path.of(m.group(2).strip()).getFileName().equals(file.getFileName())) {
                    return Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sidecar, e);
        }
        throw new IllegalArgumentException(sidecar + " holds no sha256 line for " + file.getFileName());
    }
}
