package dev.z4j.adapter.jdbc.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away PostgreSQL server of the same major version as the {@code pg_dump} on {@code PATH}, from the
 * machine's own installation ({@code /usr/lib/postgresql/<major>/bin}), for tests of pg_dump / pg_restore. The
 * embedded PostgreSQL 17 of the other tests ships no client tools, and Debian 12's pg_dump 15 refuses a newer server.
 * When no matching server is installed the test is skipped with the reason. As root, the server runs as the
 * {@code postgres} OS user (PostgreSQL refuses root).
 */
public final class SystemPostgres implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final Path bin;
    private final Path root;
    private final int port;
    private final boolean asPostgresUser;

    private SystemPostgres(Path bin, Path root, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.root = root;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The major version of {@code pg_dump} on PATH, when there is one. */
    public static Optional<Integer> pgDumpMajorVersion() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path pgDump = Path.of(dir, "pg_dump");
            if (Files.isExecutable(pgDump)) {
                Matcher m = VERSION.matcher(output(List.of(pgDump.toString(), "--version")));
                return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Starts a server matching pg_dump, or skips the calling test saying why not. */
    public static SystemPostgres start() {
        Optional<Integer> major = pgDumpMajorVersion();
        assumeTrue(major.isPresent(), "no pg_dump on PATH: the pg_dump/pg_restore tests are skipped");
        Path bin = Path.of("/usr/lib/postgresql", major.get().toString(), "bin");
        assumeTrue(Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")),
                "no PostgreSQL " + major.get() + " server in " + bin + " to match pg_dump " + major.get()
                        + ": the pg_dump/pg_restore tests are skipped");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(run(List.of("id", "-u", "postgres")) == 0,
                    "running as root without a postgres OS user: the pg_dump/pg_restore tests are skipped");
        }
        try {
            Path dir = Files.createTempDirectory("z4j-system-pg-");
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            if (root) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            SystemPostgres server = new SystemPostgres(bin, dir, port, root);
            server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-A", "trust", "-U", "postgres", "--no-sync"));
            server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-l", dir.resolve("log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A URL for a new, empty database on this server. */
    public String newDatabaseUrl(String name) {
        asServerUser(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", name));
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() {
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate",
                "stop"));
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private void asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        int exit = run(full);
        if (exit != 0) {
            throw new IllegalStateException("failed (exit " + exit + "): " + String.join(" ", full) + "\n"
                    + output(full));
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
