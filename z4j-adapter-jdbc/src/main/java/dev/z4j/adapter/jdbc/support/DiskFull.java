package dev.z4j.adapter.jdbc.support;

import dev.z4j.ports.system.DiskSpace;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Recognises "the disk is full" in a failure from SQLite or the file system, and describes the disk like df does. */
public final class DiskFull {

    private DiskFull() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL
                    || sqlite.getResultCode().code == SQLiteErrorCode.SQLITE_FULL.code)) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("database or disk is full") || message.contains("no space left on device")
                    || message.contains("sqlite_full")) {
                return true;
            }
        }
        return false;
    }

    /** {@code df -h}-style figures for the file system holding {@code directory}, or why they are unknown. */
    public static String figures(Path directory) {
        try {
            FileStore store = Files.getFileStore(directory);
            return new DiskSpace.Usage(directory.toString(), store.getUsableSpace(), store.getTotalSpace()).dfFigures();
        } catch (IOException e) {
            return "free space at " + directory + " unknown";
        }
    }
}
