package dev.z4j.shell.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The backups in {@code $Z4J_HOME/backups} as the playbooks offer them for a restore: newest first. */
public final class BackupFiles {

    private BackupFiles() {
    }

    /** @param takenAt when the copy was finished (the file's modification time) */
    public record BackupFile(Path path, long sizeBytes, Instant takenAt) {
        public BackupFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(takenAt, "takenAt");
        }
    }

    /** The SQLite copies and PostgreSQL dumps in the backups folder (not checksums, not half-written files). */
    public static List<BackupFile> newestFirst(Path home) {
        Path folder = home.resolve("backups");
        List<BackupFile> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "z4j-*.{db,dump}")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(new BackupFile(entry, Files.size(entry), Files.getLastModifiedTime(entry).toInstant()));
                }
            }
        } catch (IOException e) {
            return files;
        }
        files.sort(Comparator.comparing(BackupFile::takenAt).reversed());
        return files;
    }
}
