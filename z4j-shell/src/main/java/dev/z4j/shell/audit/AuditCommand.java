package dev.z4j.shell.audit;

import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code z4j audit}: verify the chain, take checkpoints, search the log, preserve evidence. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The tamper-evident audit log: verify, checkpoint, search, evidence, tail, show.")
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: verify, checkpoint, search, evidence, tail or show");
    }

    /** The audit commands need the schema the audit log lives in; say so instead of failing on a missing table. */
    static void requireCurrentSchema(OperatorContext context) {
        List<String> pending = context.health().status().pendingMigrations();
        if (!pending.isEmpty()) {
            throw new CommandFailure(2, "the database schema is not current (" + pending.size() + " pending migration"
                    + (pending.size() == 1 ? "" : "s") + "); start the brain once or run `z4j migrate`, then retry");
        }
    }

    /** The command with its subcommands, bound to the operator context. */
    public static CommandLine create(OperatorContext context) {
        CommandLine audit = new CommandLine(new AuditCommand());
        audit.addSubcommand("verify", new AuditVerifyCommand(context));
        audit.addSubcommand("checkpoint", new AuditCheckpointCommand(context));
        audit.addSubcommand("search", new AuditSearchCommand(context));
        audit.addSubcommand("evidence", new AuditEvidenceCommand(context));
        audit.addSubcommand("tail", new AuditTailCommand(context));
        audit.addSubcommand("show", new AuditShowCommand(context));
        return audit;
    }
}
