package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DiskFull;
import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseSnapshots;
import java.nio.file.Path;
import java.util.Optional;

/**
 * SQLite copies with {@code VACUUM INTO}: an online, consistent, self-contained file (no WAL) taken from a read
 * snapshot while the brain keeps writing. A plain file copy of a WAL database is not a backup.
 */
public final class SqliteSnapshots implements DatabaseSnapshots {

    private final Database database;

    public SqliteSnapshots(Database database) {
        this.database = database;
    }

    @Override
    public String fileExtension() {
        return "db";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public void writeTo(Path target) {
        try {
            database.read(h -> h.execute("VACUUM INTO ?", target.toAbsolutePath().toString()));
        } catch (RuntimeException e) {
            if (DiskFull.isCause(e)) {
                throw new BackupFailedException("no space left writing " + target + " ("
                        + DiskFull.figures(target.toAbsolutePath().getParent()) + "); free space or rotate backups", e);
            }
            throw new BackupFailedException("VACUUM INTO " + target + " failed: " + firstLine(e), e);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
