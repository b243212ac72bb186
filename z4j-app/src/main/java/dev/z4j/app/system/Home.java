package dev.z4j.app.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** The brain's home directory ({@code Z4J_HOME}, default {@code ~/.z4j}) and the files in it. */
public record Home(Path dir) {

    public Home {
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code Z4J_HOME} from the process environment, else {@code ~/.z4j}. */
    public static Home resolve(Map<String, String> environment) {
        String configured = environment.get("Z4J_HOME");
        if (configured != null && !configured.isBlank()) {
            String expanded = configured.strip().startsWith("~/")
                    ? System.getProperty("user.home") + configured.strip().substring(1) : configured.strip();
            return new Home(Path.of(expanded));
        }
        return new Home(Path.of(System.getProperty("user.home"), ".z4j"));
    }

    public Path database() {
        return dir.resolve("z4j.db");
    }

    public Path secretEnv() {
        return dir.resolve("secret.env");
    }

    public Path configEnv() {
        return dir.resolve("config.env");
    }

    public Path allowedHostsFile() {
        return dir.resolve("allowed-hosts");
    }

    public Path backups() {
        return dir.resolve("backups");
    }

    public Path lockFile() {
        return dir.resolve("z4j.lock");
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Creates the home (mode 0700) if missing and proves it is writable. */
    public void ensureWritable() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the platform's defaults apply
                }
            }
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConfigException("home " + dir + " is not writable (" + reason(e) + "); set Z4J_HOME to a writable directory");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
