package dev.z4j.shell.audit;

import dev.z4j.shell.support.OperatorContext;
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
