package dev.z4j.shell.system;

import dev.z4j.ports.system.DatabaseRestore.RestoreRefusedException;
import dev.z4j.ports.system.DatabaseRestore.RestoreReport;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code z4j restore FILE --force}: validate a backup, then swap it in for the live database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the live database with a backup. The brain must be stopped.",
                "Before anything changes, the backup is validated: its .sha256 (when beside it), SQLite's integrity "
                        + "check, that it is a z4j database, a schema not newer than this z4j, and its audit chain. "
                        + "The replaced database is kept as z4j.db.pre-restore-<time> (PostgreSQL: "
                        + "<db>_pre_restore_<time>)."})
public final class RestoreCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The backup: a .db file (SQLite) or a pg_dump archive.")
    Path file;

    @Option(names = "--force", description = "Confirm that the live database is to be replaced.")
    boolean force;

    public RestoreCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!force) {
            throw new CommandFailure(2, "restore replaces the live database: stop the brain, then re-run with --force");
        }
        RestoreReport report;
        try {
            report = context.restore().restore(file);
        } catch (RestoreRefusedException e) {
            throw new CommandFailure(e.usage() ? 2 : 1, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("z4j restore: restored " + report.source());
        out.println("  sha256     " + report.sha256() + (report.checksumFileMatched() ? " (matches its .sha256)" : ""));
        out.println("  schema     version " + report.schemaVersion() + (report.migrationsApplied().isEmpty()
                ? " (no migration needed)" : " (applied " + String.join(", ", report.migrationsApplied()) + ")"));
        out.println("  audit      " + report.auditChain());
        out.println("  replaced   " + report.replacedKeptAs().map(kept -> "kept as " + kept)
                .orElse("nothing (there was no live database)"));
        out.println("Next: start the brain (systemctl start z4j), then run `z4j check` and `z4j status`.");
        out.flush();
        return 0;
    }
}
