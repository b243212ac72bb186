package dev.z4j.shell.system;

import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.MigrationFailedException;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.Migrations.MigrationOutcome;
import dev.z4j.ports.system.SchemaMigrations.MigrationEntry;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j migrate} applies pending migrations (after a backup); {@code migrate history} lists every version;
 * {@code migrate current} prints the version and what is pending.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply pending database migrations, all in one transaction, after a backup "
                + "(backups/z4j-pre-migrate-<version>). Works while a brain runs with Z4J_AUTO_MIGRATE=false.",
                "On PostgreSQL without a usable pg_dump, take a backup another way and pass --yes."})
public final class MigrateCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--yes", description = "Go on without a pre-migration backup when none can be taken.")
    boolean yes;

    public MigrateCommand(OperatorContext context) {
        this.context = context;
    }

    /** The command with its subcommands, bound to the operator context. */
    public static CommandLine create(OperatorContext context) {
        CommandLine migrate = new CommandLine(new MigrateCommand(context));
        migrate.addSubcommand("history", new History(context));
        migrate.addSubcommand("current", new Current(context));
        return migrate;
    }

    @Override
    public Integer call() {
        Migrations migrations = context.migrations();
        MigrationOutcome outcome;
        try {
            outcome = migrations.migrate(yes);
        } catch (MigrationFailedException e) {
            throw new CommandFailure(1, e.getMessage() + "; the database is unchanged (pending migrations run in one "
                    + "transaction)");
        } catch (Migrations.BackupRequiredException | Migrations.SchemaTooNewException e) {
            throw new CommandFailure(1, e.getMessage());
        } catch (BackupFailedException e) {
            throw new CommandFailure(1, "the backup before migrating failed, nothing was migrated: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        outcome.backup().ifPresent(b -> out.println("z4j migrate: backed up to " + b.file() + " (sha256 " + b.sha256()
                + ")"));
        String version = migrations.status().currentVersion().orElse("none");
        out.println(outcome.applied().isEmpty() ? "z4j migrate: schema at version " + version + ", nothing to apply"
                : "z4j migrate: applied " + String.join(", ", outcome.applied()) + "; schema at version " + version);
        out.flush();
        return 0;
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List every migration version: applied (with its date), pending, failed, or newer than "
                    + "this z4j.")
    public static final class History implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        History(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<MigrationEntry> history = context.migrations().history();
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "  %-9s %-8s %-24s %s", "version", "state", "installed at",
                    "description"));
            for (MigrationEntry m : history) {
                out.println(String.format(Locale.ROOT, "  %-9s %-8s %-24s %s", m.version(),
                        m.state().name().toLowerCase(Locale.ROOT), m.installedOn().map(TIME::format).orElse("-"),
                        m.description()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true,
            description = "Print the schema version and whether migrations are pending.")
    public static final class Current implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Current(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SchemaStatus status = context.migrations().status();
            String version = status.currentVersion().map(v -> "schema version " + v).orElse("no schema yet");
            String line;
            if (status.newerThanThisBuild()) {
                line = version + ", newer than this z4j knows (" + status.latestKnownVersion() + "): install the "
                        + "newer z4j";
            } else if (status.pendingVersions().isEmpty()) {
                line = version + ", current (nothing pending)";
            } else {
                line = version + ", " + status.pendingVersions().size() + " pending ("
                        + String.join(", ", status.pendingVersions()) + "): run `z4j migrate`";
            }
            spec.commandLine().getOut().println("z4j migrate current: " + line);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
