package dev.z4j.app;

import dev.z4j.adapter.jdbc.system.PostgresTools;
import java.nio.file.Path;

/** A scratch PostgreSQL database on the live server, for validating (and drilling) an archive before it counts. */
final class PostgresScratch {

    /** PostgreSQL truncates identifiers longer than this. */
    private static final int MAX_IDENTIFIER = 63;

    private PostgresScratch() {
    }

    /** {@code <database><infix><stamp>}, the database part shortened so the whole name fits 63 bytes. */
    static String name(String database, String infix, String stamp) {
        String suffix = infix + stamp.toLowerCase(java.util.Locale.ROOT);
        int room = MAX_IDENTIFIER - suffix.length();
        return (database.length() > room ? database.substring(0, room) : database) + suffix;
    }

    /**
     * Creates the scratch database and restores the archive into it; drops it again when that fails.
     *
     * @throws PostgresTools.ToolFailedException naming what failed (CREATEDB missing, an unreadable archive, ...)
     */
    static void restoreInto(PostgresTools tools, Path archive, String scratch) {
        try {
            tools.createDatabase(scratch);
        } catch (PostgresTools.ToolFailedException e) {
            throw new PostgresTools.ToolFailedException("cannot create the scratch database " + scratch + " to validate "
                    + "the backup in (the role needs CREATEDB): " + e.getMessage());
        }
        try {
            tools.restore(archive, scratch);
        } catch (RuntimeException e) {
            tools.dropDatabase(scratch);
            throw e;
        }
    }
}
