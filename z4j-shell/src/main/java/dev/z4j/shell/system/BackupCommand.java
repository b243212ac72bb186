package dev.z4j.shell.system;

import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseBackups.BackupReport;
import dev.z4j.ports.system.DiskSpace;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code z4j backup [--output PATH]}: a consistent copy of the live database, online. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the database while the brain runs (SQLite: VACUUM INTO; "
                + "PostgreSQL: pg_dump -Fc) and a .sha256 beside it. Never overwrites.",
                "Without --output: $Z4J_HOME/backups/z4j-YYYY-MM-DD.db (UTC; a second copy the same day gets a time "
                        + "suffix), keeping the newest Z4J_BACKUP_KEEP."})
public final class BackupCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Write the copy here (must not exist).")
    Path output;

    public BackupCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        BackupReport report;
        try {
            report = context.backups().backup(Optional.ofNullable(output));
        } catch (BackupFailedException e) {
            throw new CommandFailure(1, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("z4j backup: " + report.file());
        out.println("  size     " + DiskSpace.Usage.formatBytes(report.sizeBytes()) + " (" + report.sizeBytes()
                + " bytes)");
        out.println("  sha256   " + report.sha256() + " (also in " + report.file().getFileName() + ".sha256)");
        report.removedByRotation().forEach(old -> out.println("  rotated  removed " + old.getFileName()));
        out.println("Copy it and secret.env off this host: a backup on the same disk is half a backup.");
        out.flush();
        return 0;
    }
}
