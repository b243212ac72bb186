package dev.z4j.shell.system;

import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.DatabaseProbe.DatabaseDescription;
import dev.z4j.ports.system.DiskSpace;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.SystemHealth.ReplicaStatus;
import dev.z4j.ports.system.SystemHealth.StatusReport;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.UtcTime;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code z4j status}: what the brain holds, as text or {@code --json}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show version, environment, database, schema, row counts, agents online, the last backup and "
                + "the last audit verification, and the brain replicas seen in the last hour.")
public final class StatusCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    public StatusCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusReport report = context.health().status();
        Optional<VerificationStatus> verification = context.audit().lastVerification();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> map = asMap(report);
            map.put("audit_verification", verification.map(StatusCommand::verificationMap).orElse(null));
            out.println(JsonOutput.write(map));
        } else {
            printText(out, report, verification);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> asMap(StatusReport r) {
        Map<String, Object> database = new LinkedHashMap<>();
        DatabaseDescription d = r.database();
        database.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
        database.put("location", d.location());
        database.put("size_bytes", d.sizeBytes().orElse(null));
        database.put("server_version", d.serverVersion());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", r.version());
        map.put("environment", r.environment());
        map.put("database", database);
        map.put("schema_version", r.schemaVersion().orElse(null));
        map.put("pending_migrations", r.pendingMigrations());
        map.put("row_counts", r.rowCounts());
        map.put("agents_online", r.agentsOnline().isPresent() ? r.agentsOnline().getAsLong() : null);
        map.put("last_backup", r.lastBackup().map(b -> {
            Map<String, Object> backup = new LinkedHashMap<>();
            backup.put("taken_at", b.takenAt().toString());
            backup.put("file", b.file());
            backup.put("size_bytes", b.sizeBytes());
            backup.put("sha256", b.sha256());
            return backup;
        }).orElse(null));
        map.put("replicas", r.replicas().stream().map(StatusCommand::replicaMap).toList());
        return map;
    }

    private static Map<String, Object> replicaMap(ReplicaStatus status) {
        Replica replica = status.replica();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", replica.id());
        map.put("host", replica.host());
        map.put("port", replica.port());
        map.put("pid", replica.pid());
        map.put("version", replica.version());
        map.put("leader", replica.leader());
        map.put("running", status.running());
        map.put("started_at", replica.startedAt().toString());
        map.put("last_seen_at", replica.lastSeenAt().toString());
        return map;
    }

    private static Map<String, Object> verificationMap(VerificationStatus v) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("finished_at", v.finishedAt().toString());
        map.put("result", v.outcome().name().toLowerCase(Locale.ROOT));
        map.put("rows_walked", v.rowsWalked());
        map.put("summary", v.summary());
        return map;
    }

    private static void printText(PrintWriter out, StatusReport r, Optional<VerificationStatus> verification) {
        DatabaseDescription d = r.database();
        out.println("z4j status");
        line(out, "version", r.version());
        line(out, "environment", r.environment());
        line(out, "database", d.kind().name().toLowerCase(Locale.ROOT) + " " + d.location()
                + d.sizeBytes().map(size -> " (" + DiskSpace.Usage.formatBytes(size) + ")").orElse("") + ", " + d.serverVersion());
        line(out, "schema", r.schemaVersion().map(v -> "version " + v).orElse("not initialised")
                + (r.pendingMigrations().isEmpty() ? " (current)"
                : " (" + r.pendingMigrations().size() + " pending: run `z4j migrate`)"));
        line(out, "agents online", r.agentsOnline().isPresent() ? Long.toString(r.agentsOnline().getAsLong())
                : "unknown (not tracked by this build)");
        line(out, "last backup", r.lastBackup().map(b -> UtcTime.seconds(b.takenAt()) + ", " + b.file() + " ("
                + DiskSpace.Usage.formatBytes(b.sizeBytes()) + ", sha256 " + b.sha256().substring(0, 12) + "...)")
                .orElse("none recorded (run `z4j backup`)"));
        line(out, "audit verification", verification.map(v -> UtcTime.seconds(v.finishedAt()) + ": "
                + v.summary()).orElse("never (run `z4j audit verify`)"));
        if (r.replicas().isEmpty()) {
            line(out, "replicas", "none seen in the last hour");
        } else {
            out.println("  replicas");
            r.replicas().forEach(status -> out.println("    " + replicaLine(status)));
        }
        out.println("  row counts");
        r.rowCounts().forEach((table, count) ->
                out.println(String.format(Locale.ROOT, "    %-20s %,d", table.equals("audit_log") ? "audit rows" : table, count)));
    }

    /** {@code 3f9c0a1b2c3d4e5f  host-a:7700 pid 4242  1.0.0  leader, running (seen 2026-11-29 09:30:01 UTC)}. */
    private static String replicaLine(ReplicaStatus status) {
        Replica replica = status.replica();
        return String.format(Locale.ROOT, "%s  %s:%d pid %d  %s  %s%s (seen %s)", replica.id(), replica.host(),
                replica.port(), replica.pid(), replica.version(), replica.leader() ? "leader, " : "",
                status.running() ? "running" : "not answering", UtcTime.seconds(replica.lastSeenAt()));
    }

    private static void line(PrintWriter out, String name, String value) {
        out.println(String.format(Locale.ROOT, "  %-22s %s", name, value));
    }
}
