package dev.z4j.shell.audit;

import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationReport.ChainBreak;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.shell.support.BackupFiles;
import dev.z4j.shell.support.BackupFiles.BackupFile;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.IncidentPlaybook;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.Playbook;
import dev.z4j.shell.support.UtcTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j playbook audit-tampered}: the operator page's "Audit chain tampered". Detection runs {@code audit verify};
 * on a break it walks the response playbook in order: preserve evidence, the break's time to correlate with access
 * logs (and the rows around it), unauthorised database writes, rotating the secret, restoring a backup taken before
 * the break, and what the incident report needs. Rotating and restoring need a person's judgement: {@code --yes}
 * does not cover them, their own options do.
 */
@Command(name = "audit-tampered", mixinStandardHelpOptions = true,
        description = {"The audit chain does not verify (or you suspect it): run z4j audit verify, and on a break "
                + "preserve evidence, show the broken row and its time, point at the logs to correlate, and offer a "
                + "restore from a backup taken before the break.",
                "Scripts: --yes preserves evidence; rotating the secret also needs --rotate-secret, a restore "
                        + "--restore FILE (or --restore before-break)."})
public final class AuditTamperedPlaybook extends IncidentPlaybook {

    private static final Duration LOG_WINDOW = Duration.ofMinutes(30);
    static final String BEFORE_BREAK = "before-break";

    @Option(names = "--restore", paramLabel = "FILE", description = "Allow the restore step to restore this backup "
            + "(`" + BEFORE_BREAK + "`: the newest in $Z4J_HOME/backups taken before the break).")
    String restore;

    @Option(names = "--rotate-secret", description = "Allow the playbook to rotate Z4J_SECRET (when it was exposed).")
    boolean rotateSecret;

    @Option(names = "--previous-secret-file", paramLabel = "FILE",
            description = "Old secrets for rows signed before a rotation (as for z4j audit verify).")
    Path previousSecretFile;

    public AuditTamperedPlaybook(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        super(context, console, runner);
    }

    @Override
    public Integer call() {
        Playbook p = start("audit-tampered", "the audit chain no longer verifies: find the break, keep the "
                + "evidence, recover");
        p.step("detection: z4j audit verify");
        Optional<VerificationStatus> previous = context.audit().lastVerification();
        List<Secret> extra = previousSecretFile == null ? List.of() : PreviousSecretFile.read(previousSecretFile);
        VerificationReport report = context.audit().verify(new VerificationRequest(Optional.empty(), extra));
        AuditVerifyCommand.lines(report).forEach(p::output);
        switch (report.outcome()) {
            case INTACT -> {
                p.ok("the chain is intact: no row was edited, deleted, inserted or moved");
                p.note("run z4j audit verify daily, and keep z4j audit checkpoint files off this host: they also "
                        + "catch a truncated tail");
                return p.finish();
            }
            case UNVERIFIABLE -> {
                p.problem("some rows are signed by a key this brain does not hold, so they cannot be judged");
                p.todo("verify with the old secret: Z4J_PREVIOUS_SECRETS, or this playbook with "
                        + "--previous-secret-file OLD-secret.env");
                return p.finish();
            }
            default -> {
                return respond(p, report.chainBreak().orElseThrow(), previous);
            }
        }
    }

    private int respond(Playbook p, ChainBreak b, Optional<VerificationStatus> previous) {
        Playbook.Finding broken = p.problem("the chain breaks at row " + b.seq() + b.occurredAt()
                .map(t -> " (" + UtcTime.seconds(t) + ")").orElse("") + ": " + what(b));

        p.step("preserve evidence");
        p.note("copy the database with its -wal and -shm, and the secrets, before anything changes them (never "
                + "VACUUM INTO here: it rewrites the file)");
        if (!(p.confirm("Preserve evidence now (z4j audit evidence)?") && p.run("audit", "evidence"))) {
            p.todo("preserve it yourself: z4j audit evidence, or cp " + context.home().resolve("z4j.db")
                    + "* and secret.env somewhere safe");
        }

        p.step("check server access logs around the break");
        p.run("audit", "show", Long.toString(b.seq()), "--around", "3");
        b.occurredAt().ifPresentOrElse(t -> p.todo("correlate " + UtcTime.seconds(t) + " with: sudo journalctl -u "
                        + "z4j --since '" + UtcTime.typed(t.minus(LOG_WINDOW)) + "' --until '"
                        + UtcTime.typed(t.plus(LOG_WINDOW)) + "' (UTC), the reverse proxy's access log, cloud flow logs"),
                () -> p.todo("the broken row has no readable time: correlate the times of the rows around it"));

        p.step("check for unauthorised database writes");
        p.note("z4j never updates or deletes an audit row (the database refuses it by trigger): a change came from "
                + "outside z4j");
        if (context.databaseLocation().startsWith("sqlite")) {
            p.todo("SQLite: find who could write " + context.databaseLocation().substring("sqlite ".length())
                    + " (its owner and mode, restored copies, administrators' shell history)");
        } else {
            p.todo("PostgreSQL: pg_waldump around that time, and the role audit: which roles besides z4j's can "
                    + "write audit_log?");
        }

        p.step("rotate Z4J_SECRET if you believe it was exposed");
        rotateSecret(p);

        p.step("restore from a backup taken before the break");
        restoreBeforeBreak(p, b, broken);

        p.step("file an incident report");
        p.note("what was touched: row " + b.seq() + " (audit_id=" + b.auditId() + ")" + b.reason().map(r -> ", " + r)
                .orElse(""));
        previous.filter(v -> v.outcome() == VerificationReport.Outcome.INTACT).ifPresentOrElse(
                v -> p.note("when: after " + UtcTime.seconds(v.finishedAt()) + ", when the chain last verified intact ("
                        + v.rowsWalked() + " rows)"),
                () -> p.note("when: no earlier intact verification is recorded; a checkpoint kept off this host "
                        + "(z4j audit verify --from-checkpoint) narrows it down"));
        b.occurredAt().ifPresent(t -> p.todo("what happened since: z4j audit search --since '"
                + UtcTime.typed(t) + "'"));
        return p.finish();
    }

    private void rotateSecret(Playbook p) {
        SecretRotation.RotationPlan plan;
        try {
            plan = context.secretRotation().plan();
        } catch (IllegalStateException cannotRotateHere) {
            p.note("the secret cannot be rotated now: " + cannotRotateHere.getMessage());
            p.todo("if the secret was exposed: z4j rotate-secret, once that is solved");
            return;
        }
        plan.consequences().forEach(c -> p.note("rotating: " + c));
        if (p.confirmJudgement("Rotate Z4J_SECRET (key " + plan.currentKeyId() + ") now? Only if you believe it was "
                + "exposed.", rotateSecret, "--rotate-secret") && p.run("rotate-secret", "--yes")) {
            p.todo("give every agent a new credential: z4j agents rotate AGENT for each one in z4j agents list");
        }
    }

    private void restoreBeforeBreak(Playbook p, ChainBreak b, Playbook.Finding broken) {
        List<BackupFile> backups = BackupFiles.newestFirst(context.home());
        Instant breakTime = b.occurredAt().orElse(Instant.MAX);
        Optional<Path> candidate = restore != null && !restore.equals(BEFORE_BREAK) ? Optional.of(Path.of(restore))
                : backups.stream().filter(f -> f.takenAt().isBefore(breakTime)).map(BackupFile::path).findFirst();
        if (candidate.isEmpty()) {
            p.note("no backup in " + context.home().resolve("backups") + " was taken before the break"
                    + (backups.isEmpty() ? "" : " (the oldest is from " + UtcTime.seconds(backups.get(backups.size()
                    - 1).takenAt()) + ")") + "; restore refuses a copy whose chain is broken anyway");
            return;
        }
        backups.stream().filter(f -> f.path().equals(candidate.get())).findFirst().ifPresent(f -> p.note(
                "the newest backup before the break: " + f.path() + " (taken " + UtcTime.seconds(f.takenAt()) + ")"));
        OptionalLong running = context.runningBrain();
        if (running.isPresent()) {
            p.note("a brain is running: stop it to restore (sudo systemctl stop z4j); restore refuses until then");
            return;
        }
        if (p.confirmJudgement("Restore " + candidate.get() + "? Rows written after it was taken are lost; the current "
                + "database is kept as z4j.db.pre-restore-<time>.", restore != null, "--restore")
                && p.run("restore", candidate.get().toString(), "--force") && p.run("audit", "verify")) {
            broken.resolve();
        }
    }

    private static String what(ChainBreak b) {
        return switch (b.field()) {
            case "prev_hmac" -> "it does not link to the row before it (a row was deleted, inserted or moved)";
            case "row_hmac" -> b.reason().orElse("its content does not match its HMAC (the row was edited)");
            default -> b.reason().orElse(b.field() + " does not verify");
        };
    }
}
