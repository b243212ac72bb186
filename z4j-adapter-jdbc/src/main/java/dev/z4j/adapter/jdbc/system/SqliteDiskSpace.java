package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.ports.system.DiskSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Free space on the file system that holds the SQLite database; nothing for PostgreSQL. */
public final class SqliteDiskSpace implements DiskSpace {

    private final DatabaseUrl url;

    public SqliteDiskSpace(DatabaseUrl url) {
        this.url = url;
    }

    @Override
    public Optional<Usage> atDatabase() {
        return url.sqliteFile().map(file -> {
            Path directory = file.getParent() == null ? Path.of(".") : file.getParent();
            try {
                FileStore store = Files.getFileStore(directory);
                return new Usage(directory.toString(), store.getUsableSpace(), store.getTotalSpace());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read free space at " + directory, e);
            }
        });
    }
}
