package dev.z4j.ports.system;

import java.util.Locale;
import java.util.Optional;

/** Out-port: free space where the database writes (SQLite only; empty for a remote PostgreSQL). */
public interface DiskSpace {

    Optional<Usage> atDatabase();

    /**
     * @param path       the folder the figures are for
     * @param freeBytes  available to the brain (as {@code df} "Avail")
     * @param totalBytes size of the file system
     */
    record Usage(String path, long freeBytes, long totalBytes) {

        /** As {@code df -h} shows it: {@code 1.2 GiB available of 20.0 GiB (94% used) at /var/lib/z4j}. */
        public String dfFigures() {
            long used = Math.max(0, totalBytes - freeBytes);
            long percent = totalBytes == 0 ? 100 : Math.round(used * 100.0 / totalBytes);
            return formatBytes(freeBytes) + " available of " + formatBytes(totalBytes) + " (" + percent + "% used) at "
                    + path;
        }

        /** Binary units with one decimal, as {@code df -h} prints them. */
        public static String formatBytes(long bytes) {
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }
}
