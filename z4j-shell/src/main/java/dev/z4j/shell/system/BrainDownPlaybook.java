package dev.z4j.shell.system;

import dev.z4j.ports.system.DiskSpace;
import dev.z4j.ports.system.SystemHealth.CheckResult;
import dev.z4j.shell.support.BackupFiles;
import dev.z4j.shell.support.BackupFiles.BackupFile;
import dev.z4j.shell.support.BrainSettings;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.IncidentPlaybook;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.Playbook;
import dev.z4j.shell.support.UtcTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j playbook brain-down}: the operator page's "Brain is down", in its order. Step 1 asks whether the process
 * runs ({@code z4j.lock}, then a readiness request) and checks the common causes a crash log would show: the
 * configuration, the database, pending or failed migrations, the disk, a port taken by another process. Step 2 asks
 * whether it is reachable: bind address, the public URL's host among the allowed hosts, a request with that Host.
 * Step 3 restores the newest backup, offered only when the database itself is broken (restoring a sound database
 * only loses what was written since the copy).
 */
@Command(name = "brain-down", mixinStandardHelpOptions = true,
        description = {"The brain is down: the dashboard is unreachable, agents report disconnected, or z4j check "
                + "fails. Checks the process and its lock, the configuration, the database, migrations, disk, the "
                + "port, the allowed hosts, and offers a restore when the database is broken.",
                "Scripts: --yes applies the routine fixes (migrate, allowed-hosts add); a restore also needs "
                        + "--restore FILE (or --restore latest)."})
public final class BrainDownPlaybook extends IncidentPlaybook {

    private static final Set<String> DATABASE_CHECKS = Set.of("database", "schema", "audit");
    private static final int BACKUPS_SHOWN = 5;

    @Option(names = "--restore", paramLabel = "FILE",
            description = "Allow step 3 to restore this backup (`latest`: the newest in $Z4J_HOME/backups).")
    String restore;

    public BrainDownPlaybook(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        super(context, console, runner);
    }

    @Override
    public Integer call() {
        Playbook p = start("brain-down", "the dashboard is unreachable, agents report disconnected, or "
                + "z4j check fails");
        p.step("is the process running?");
        OptionalLong pid = context.runningBrain();
        Optional<BrainSettings> settings = settings();
        List<Playbook.Finding> waitingForMigrations = new ArrayList<>();
        if (pid.isPresent()) {
            p.ok("a brain holds " + context.home().resolve("z4j.lock") + (pid.getAsLong() > 0 ? " (pid "
                    + pid.getAsLong() + ")" : ""));
            settings.ifPresent(s -> readiness(p, s, waitingForMigrations));
        } else {
            p.problem("no brain holds " + context.home().resolve("z4j.lock") + ": the brain is not running");
            p.todo("read why it stopped: sudo systemctl status z4j; sudo journalctl -u z4j -n 100 --no-pager "
                    + "(Docker: docker compose ps; docker compose logs --tail=100 z4j)");
        }
        p.note("the common causes, checked here:");
        List<Playbook.Finding> databaseProblems = commonCauses(p, waitingForMigrations);
        if (pid.isEmpty()) {
            settings.ifPresent(s -> port(p, s));
        }

        p.step("is it accessible?");
        settings.ifPresentOrElse(s -> accessible(p, s, pid.isPresent()),
                () -> p.note("not checked: the configuration cannot be read (step 1)"));

        p.step("nothing obvious: restore the most recent backup");
        restoreStep(p, databaseProblems, pid);
        return p.finish();
    }

    private Optional<BrainSettings> settings() {
        try {
            return Optional.of(context.brainSettings());
        } catch (RuntimeException invalidConfiguration) {
            return Optional.empty();
        }
    }

    /** @param waitingForMigrations receives the finding when the brain waits for {@code z4j migrate} */
    private void readiness(Playbook p, BrainSettings s, List<Playbook.Finding> waitingForMigrations) {
        String host = connectHost(s.bindHost());
        try {
            HttpProbe.Answer answer = HttpProbe.get(host, s.bindPort(), "localhost", "/api/v1/health/ready");
            if (answer.status() == 200) {
                p.ok("it answers on " + host + ":" + s.bindPort() + " and is ready");
            } else {
                Playbook.Finding notReady = p.problem("it answers on " + host + ":" + s.bindPort() + " but is not "
                        + "ready: " + answer.status() + answer.error().map(e -> " " + e + " (" + readinessReason(e)
                        + ")").orElse(""));
                if (answer.error().filter("schema_pending"::equals).isPresent()) {
                    waitingForMigrations.add(notReady);
                }
            }
        } catch (IOException e) {
            p.problem("it holds the lock but nothing answers on " + host + ":" + s.bindPort() + " (" + e.getMessage()
                    + "): it is starting, hung, or listening elsewhere");
            p.todo("look at its log: sudo journalctl -u z4j -n 100 --no-pager; a hung brain: sudo systemctl restart z4j");
        }
    }

    private static String readinessReason(String error) {
        return switch (error) {
            case "schema_pending" -> "migrations are pending: it was started with Z4J_AUTO_MIGRATE=false";
            case "schema_newer_than_brain" -> "the database was migrated by a newer z4j: install that version";
            case "database" -> "it cannot reach its database";
            case "starting", "stopping" -> "it is " + error;
            default -> "see its log";
        };
    }

    /** The seed's crash causes, from the same checks as {@code z4j check}; returns the database's own problems. */
    private List<Playbook.Finding> commonCauses(Playbook p, List<Playbook.Finding> waitingForMigrations) {
        PrintWriter warnings = new PrintWriter(new StringWriter());
        List<Playbook.Finding> databaseProblems = new ArrayList<>();
        for (CheckResult check : CheckCommand.results(context, warnings)) {
            if (check.ok()) {
                p.ok(check.name() + ": " + check.detail());
                continue;
            }
            if (check.detail().startsWith("not checked")) {
                p.note(check.name() + ": " + check.detail());
                continue;
            }
            Playbook.Finding problem = p.problem(check.name() + ": " + check.detail());
            switch (check.name()) {
                case "configuration" -> p.todo("fix the setting named above (`z4j serve` exits 2 until then)");
                case "database" -> p.todo(sqlite()
                        ? "the file is damaged or is not a z4j database: restore a backup (step 3)"
                        : "fix the database first (network, credentials, is PostgreSQL up?), then start the brain");
                case "disk" -> p.todo("free space on that volume or remove old backups (ls -lt "
                        + context.home().resolve("backups") + "); SQLite needs room for its WAL");
                case "schema" -> migrate(p, problem, check.detail(), waitingForMigrations);
                default -> { }
            }
            if (DATABASE_CHECKS.contains(check.name())) {
                databaseProblems.add(problem);
            }
        }
        return databaseProblems;
    }

    private void migrate(Playbook p, Playbook.Finding problem, String detail,
                         List<Playbook.Finding> waitingForMigrations) {
        if (!detail.contains("pending")) {
            p.todo("inspect: z4j migrate history; z4j migrate current");
            return;
        }
        p.note("a brain started with Z4J_AUTO_MIGRATE=false waits for this; inspect with z4j migrate history");
        if (p.confirm("Apply the pending migrations now (z4j migrate, after a pre-migration backup)?")
                && p.run("migrate")) {
            problem.resolve();
            waitingForMigrations.forEach(Playbook.Finding::resolve);
        }
    }

    private void port(Playbook p, BrainSettings s) {
        if (PortHolder.free(s.bindHost(), s.bindPort())) {
            p.ok("port " + s.bindPort() + " on " + s.bindHost() + " is free for `z4j serve`");
            return;
        }
        String holder = PortHolder.holder(s.bindPort()).orElse("a process this user cannot see");
        p.problem("port " + s.bindPort() + " on " + s.bindHost() + " is in use by " + holder + ": `z4j serve` stops "
                + "with 'port " + s.bindPort() + " is already in use'");
        p.todo("identify it (ss -tlnp | grep " + s.bindPort() + "), stop it, or move the brain with Z4J_BIND_PORT");
    }

    private void accessible(Playbook p, BrainSettings s, boolean running) {
        boolean loopbackOnly = isLoopback(s.bindHost());
        p.note("the brain listens on " + s.bindHost() + ":" + s.bindPort() + " (Z4J_BIND_HOST, Z4J_BIND_PORT): a "
                + "reverse proxy must forward there, or it answers 502");
        Optional<String> publicHost = publicHost(s.publicUrl());
        if (publicHost.isEmpty()) {
            p.problem("Z4J_PUBLIC_URL " + s.publicUrl() + " has no host name");
            return;
        }
        String host = publicHost.get();
        boolean allowed = s.allowedHosts().contains(host) || isLoopback(host);
        if (allowed) {
            p.ok("the public URL's host " + host + " is an allowed host");
        } else {
            Playbook.Finding rejected = p.problem("the public URL's host " + host + " (Z4J_PUBLIC_URL) is not an "
                    + "allowed host: browsers get 400 invalid_host");
            if (p.confirm("Add " + host + " to the allowed hosts (z4j allowed-hosts add " + host + ")?")
                    && p.run("allowed-hosts", "add", host)) {
                rejected.resolve();
                if (running) {
                    p.todo("restart the brain to apply it: sudo systemctl restart z4j");
                }
            }
        }
        if (running) {
            try {
                HttpProbe.Answer answer = HttpProbe.get(connectHost(s.bindHost()), s.bindPort(), host,
                        "/api/v1/health");
                if (answer.error().filter("invalid_host"::equals).isEmpty()) {
                    p.ok("a request with Host " + host + " gets " + answer.status() + " from the running brain");
                } else if (allowed) {
                    p.problem("the running brain still answers 400 invalid_host for Host " + host + ": it read the "
                            + "allowed hosts before " + host + " was added; restart it (sudo systemctl restart z4j)");
                } else {
                    p.note("the running brain answers 400 invalid_host for Host " + host + ", as it will until the "
                            + "host is allowed and the brain restarted");
                }
            } catch (IOException e) {
                p.note("could not send a request with Host " + host + " (" + e.getMessage() + ")");
            }
        }
        if (loopbackOnly && !isLoopback(host)) {
            p.note("it listens on loopback only: other machines reach it through the reverse proxy on this host");
        }
        p.todo("connection refused from a client: check firewalls and security groups (from the client: telnet "
                + host + " " + publicPort(s.publicUrl()) + ")");
    }

    private void restoreStep(Playbook p, List<Playbook.Finding> databaseFindings, OptionalLong pid) {
        List<Playbook.Finding> databaseProblems = databaseFindings.stream().filter(f -> !f.resolved()).toList();
        List<BackupFile> backups = BackupFiles.newestFirst(context.home());
        if (backups.isEmpty()) {
            if (!databaseProblems.isEmpty()) {
                p.problem("no backup in " + context.home().resolve("backups") + " to restore from");
            } else {
                p.note("no backup in " + context.home().resolve("backups"));
            }
            return;
        }
        backups.stream().limit(BACKUPS_SHOWN).forEach(b -> p.note(String.format(Locale.ROOT, "%s  %s  %s",
                UtcTime.seconds(b.takenAt()), DiskSpace.Usage.formatBytes(b.sizeBytes()), b.path())));
        Optional<Path> chosen = chosenBackup(backups);
        if (databaseProblems.isEmpty()) {
            p.ok("the database checks passed: a restore would only lose what was written since the backup; start the "
                    + "brain instead (sudo systemctl start z4j)");
            if (restore == null && !p.interactive()) {
                return;
            }
        }
        if (chosen.isEmpty()) {
            return;
        }
        if (pid.isPresent()) {
            p.note("a brain is running: stop it before restoring (sudo systemctl stop z4j); restore refuses until then");
            return;
        }
        if (p.confirmJudgement("Restore " + chosen.get() + "? The current database is kept as "
                + "z4j.db.pre-restore-<time>.", restore != null, "--restore")
                && p.run("restore", chosen.get().toString(), "--force")) {
            if (p.run("check")) {
                databaseProblems.forEach(Playbook.Finding::resolve);
            }
            p.todo("start the brain (sudo systemctl start z4j), then run z4j status");
        }
    }

    private Optional<Path> chosenBackup(List<BackupFile> backups) {
        if (restore == null || restore.equals("latest")) {
            return Optional.of(backups.get(0).path());
        }
        return Optional.of(Path.of(restore));
    }

    private static Optional<String> publicHost(String publicUrl) {
        try {
            return Optional.ofNullable(URI.create(publicUrl).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean sqlite() {
        try {
            return context.databaseLocation().startsWith("sqlite");
        } catch (RuntimeException invalidConfiguration) {
            return false;
        }
    }

    private static int publicPort(String publicUrl) {
        URI uri = URI.create(publicUrl);
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String connectHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bindHost;
        };
    }
}
