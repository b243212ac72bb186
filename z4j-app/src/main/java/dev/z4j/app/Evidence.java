package dev.z4j.app;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.PostgresTools;
import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.app.system.EnvFile;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.support.Checksums;
import dev.z4j.ports.system.AuditEvidence;
import dev.z4j.ports.system.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code z4j audit evidence}: the seed's "preserve evidence" step done right. Byte-exact copies (never VACUUM, which
 * rewrites the file) of the database with its WAL and shared memory, of {@code secret.env}, {@code config.env} and
 * {@code allowed-hosts}, the secrets in effect when they come from the environment, and a manifest with sizes,
 * modification times and SHA-256 of each copy ({@code SHA256SUMS} checks with {@code sha256sum -c}). The directory is
 * private (0700, files 0600).
 */
final class Evidence implements AuditEvidence {

    private final Z4jConfig config;
    private final Settings settings;
    private final Clock clock;

    Evidence(Z4jConfig config, Settings settings, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public EvidenceReport collect(Optional<Path> directory) {
        Instant now = clock.instant();
        Path target = directory.orElse(config.home().dir().resolve("evidence")
                .resolve("z4j-evidence-" + Restore.STAMP.format(now))).toAbsolutePath().normalize();
        createPrivateDirectory(target);
        List<EvidenceFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<Long> brain = HomeLock.isHeld(config.home()) ? HomeLock.holderPid(config.home()).or(() -> Optional.of(-1L))
                : Optional.empty();
        brain.ifPresent(pid -> notes.add("a brain was running (z4j.lock held" + (pid > 0 ? " by pid " + pid : "")
                + "): it may have written while the files were copied; stop it for a quiescent copy"));
        DatabaseUrl url = Wiring.liveUrl(config);
        if (url.sqliteFile().isPresent()) {
            Path db = url.sqliteFile().get();
            // The WAL first: a checkpoint during the copy then leaves its pages in both copies rather than in neither.
            List<Path> sidecars = SqliteFiles.sidecars(db);
            copy(sidecars.get(0), target, files);
            copy(db, target, files);
            sidecars.subList(1, sidecars.size()).forEach(sidecar -> copy(sidecar, target, files));
        } else {
            pgDump(url, target, files, notes);
        }
        copy(config.home().secretEnv(), target, files);
        copy(config.home().configEnv(), target, files);
        copy(config.home().allowedHostsFile(), target, files);
        secretsFromEnvironment(target, files, notes);
        Path manifest = writeManifest(target, now, url, files, notes);
        return new EvidenceReport(target, manifest, files, notes);
    }

    private static void createPrivateDirectory(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(target + " exists already; evidence goes into a new directory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        }
    }

    /** Copies the file byte for byte when it exists, hashing the copy and recording the original's time. */
    private static void copy(Path source, Path target, List<EvidenceFile> files) {
        if (!Files.isRegularFile(source)) {
            return;
        }
        Path copy = target.resolve(source.getFileName());
        try {
            Instant modified = Files.getLastModifiedTime(source).toInstant();
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            files.add(new EvidenceFile(copy.getFileName().toString(), source.toString(), Files.size(copy),
                    Checksums.sha256(copy), modified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " into " + target, e);
        }
    }

    private void pgDump(DatabaseUrl url, Path target, List<EvidenceFile> files, List<String> notes) {
        notes.add("PostgreSQL: its data files are the server's; keep the server's WAL (pg_waldump) and role audit logs");
        PostgresTools tools = new PostgresTools(url, System.getenv());
        Path dump = target.resolve("database.dump");
        try {
            Optional<String> unavailable = tools.unavailableReason("pg_dump");
            if (unavailable.isPresent()) {
                notes.add("no logical copy of the database: " + unavailable.get());
                return;
            }
            tools.dump(dump);
            Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rw-------"));
            files.add(new EvidenceFile(dump.getFileName().toString(), url.location(), Files.size(dump),
                    Checksums.sha256(dump), clock.instant()));
            notes.add("database.dump is a logical copy (pg_dump), not the server's files");
        } catch (PostgresTools.ToolFailedException | IOException e) {
            notes.add("no logical copy of the database: " + e.getMessage());
        }
    }

    /** The secrets in effect, when the environment (not a file copied above) supplied them. */
    private void secretsFromEnvironment(Path target, List<EvidenceFile> files, List<String> notes) {
        Map<String, String> fileValues = EnvFile.read(config.home().secretEnv());
        StringBuilder content = new StringBuilder();
        for (String name : List.of("Z4J_SECRET", "Z4J_PREVIOUS_SECRETS")) {
            Optional<String> value = settings.get(name);
            if (value.isPresent() && !value.get().equals(fileValues.get(name))) {
                content.append(name).append('=').append(value.get()).append('\n');
            }
        }
        if (content.isEmpty()) {
            return;
        }
        Path secrets = target.resolve("secrets-in-effect.env");
        try {
            Files.writeString(secrets, "# the secrets this z4j used (from the environment or config.env), copied by "
                    + "`z4j audit evidence`\n" + content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            files.add(new EvidenceFile(secrets.getFileName().toString(), "process environment / config.env",
                    Files.size(secrets), Checksums.sha256(secrets), clock.instant()));
            notes.add("secrets-in-effect.env holds the secrets set outside secret.env: keep it as safe as secret.env");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + secrets, e);
        }
    }

    private Path writeManifest(Path target, Instant now, DatabaseUrl url, List<EvidenceFile> files, List<String> notes) {
        StringBuilder manifest = new StringBuilder("# z4j audit evidence\n");
        manifest.append("collected_at: ").append(now).append('\n');
        manifest.append("host: ").append(hostName()).append('\n');
        manifest.append("home: ").append(config.home().dir()).append('\n');
        manifest.append("database: ").append(url).append('\n');
        manifest.append("secret key ids: current ").append(config.secret().keyId());
        if (!config.previousSecrets().isEmpty()) {
            manifest.append(", previous ").append(config.previousSecrets().stream().map(Secret::keyId)
                    .collect(Collectors.joining(", ")));
        }
        manifest.append('\n');
        notes.forEach(note -> manifest.append("note: ").append(note).append('\n'));
        manifest.append("\n# sha256  size_bytes  modified_at  name  (source)\n");
        for (EvidenceFile f : files) {
            manifest.append(f.sha256()).append("  ").append(f.sizeBytes()).append("  ").append(f.modifiedAt())
                    .append("  ").append(f.name()).append("  (").append(f.source()).append(")\n");
        }
        String sums = files.stream().map(f -> f.sha256() + "  " + f.name() + "\n").collect(Collectors.joining());
        Path manifestFile = target.resolve("MANIFEST.txt");
        try {
            Files.writeString(manifestFile, manifest, StandardCharsets.UTF_8);
            Files.writeString(target.resolve("SHA256SUMS"), sums, StandardCharsets.UTF_8);
            for (Path p : List.of(manifestFile, target.resolve("SHA256SUMS"))) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + target, e);
        }
        return manifestFile;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
