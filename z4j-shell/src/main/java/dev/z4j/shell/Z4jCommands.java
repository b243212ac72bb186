package dev.z4j.shell;

import dev.z4j.ports.support.Refusal;
import dev.z4j.shell.agents.AgentsCommand;
import dev.z4j.shell.audit.AuditCommand;
import dev.z4j.shell.identity.ChangePasswordCommand;
import dev.z4j.shell.identity.CreateSuperuserCommand;
import dev.z4j.shell.identity.ResetSetupCommand;
import dev.z4j.shell.identity.SessionsCommand;
import dev.z4j.shell.support.CommandCancelled;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.system.AllowedHostsCommand;
import dev.z4j.shell.system.BackupCommand;
import dev.z4j.shell.system.CheckCommand;
import dev.z4j.shell.system.DoctorCommand;
import dev.z4j.shell.system.DrillCommand;
import dev.z4j.shell.system.MigrateCommand;
import dev.z4j.shell.system.RestoreCommand;
import dev.z4j.shell.system.RotateSecretCommand;
import dev.z4j.shell.system.StatusCommand;
import dev.z4j.shell.system.VersionCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Builds the {@code z4j} command tree. Exit codes: 0 success, 1 a failed check or a refused operation (unknown user,
 * an owner already exists), 2 a usage or configuration error (a rejected password or email included); failures print
 * one line on stderr, with a stack trace only under {@code --debug}.
 */
public final class Z4jCommands {

    private Z4jCommands() {
    }

    @Command(name = "z4j", mixinStandardHelpOptions = true,
            description = "z4j brain: control plane for task infrastructure.",
            footer = {"", "Start the brain with `z4j serve`. Every command takes --help."})
    public static final class Root implements Runnable {

        @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
                description = "Print stack traces for errors.")
        boolean debug;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see z4j --help)");
        }
    }

    /**
     * The {@code z4j} command.
     *
     * @param context    the in-ports the commands use
     * @param console    how commands ask the operator (the process's terminal or standard input)
     * @param additional commands contributed by the composition root (such as {@code serve}), by name
     */
    public static CommandLine create(OperatorContext context, OperatorConsole console, Map<String, Object> additional) {
        CommandLine line = build(context, console, additional);
        line.addSubcommand("shell", new ShellCommand(context));
        return line;
    }

    /**
     * The commands available inside {@code z4j shell}: every command but {@code serve} and {@code shell} itself,
     * asking through the shell's console.
     */
    static CommandLine insideShell(OperatorContext context, OperatorConsole console) {
        return build(context, console, Map.of());
    }

    private static CommandLine build(OperatorContext context, OperatorConsole console, Map<String, Object> additional) {
        CommandLine line = new CommandLine(new Root());
        line.getCommandSpec().version(context.version());
        additional.forEach(line::addSubcommand);
        line.addSubcommand("version", new VersionCommand(context));
        line.addSubcommand("check", new CheckCommand(context));
        line.addSubcommand("status", new StatusCommand(context));
        line.addSubcommand("doctor", new DoctorCommand(context));
        line.addSubcommand("backup", new BackupCommand(context));
        line.addSubcommand("restore", new RestoreCommand(context));
        line.addSubcommand("drill", new DrillCommand(context));
        line.addSubcommand("migrate", MigrateCommand.create(context));
        line.addSubcommand("allowed-hosts", AllowedHostsCommand.create(context));
        line.addSubcommand("createsuperuser", new CreateSuperuserCommand(context, console));
        line.addSubcommand("changepassword", new ChangePasswordCommand(context, console));
        line.addSubcommand("reset-setup", new ResetSetupCommand(context));
        line.addSubcommand("sessions", new SessionsCommand(context));
        line.addSubcommand("agents", AgentsCommand.create(context));
        line.addSubcommand("audit", AuditCommand.create(context));
        line.addSubcommand("rotate-secret", new RotateSecretCommand(context, console));
        CommandRunner runner = (out, err, args) -> nested(context, console, out, err, args);
        line.addSubcommand("playbook", PlaybookCommand.create(context, console, runner));
        line.addSubcommand("help", new CommandLine.HelpCommand());
        line.setExecutionExceptionHandler(Z4jCommands::handleFailure);
        line.setParameterExceptionHandler(Z4jCommands::handleUsageError);
        return line;
    }

    /** A command run by a playbook: a fresh tree, so the playbook's own parse state is left alone. */
    private static int nested(OperatorContext context, OperatorConsole console, PrintWriter out, PrintWriter err,
                              List<String> args) {
        CommandLine line = build(context, console, Map.of());
        line.setOut(out);
        line.setErr(err);
        return line.execute(args.toArray(String[]::new));
    }

    private static int handleFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (parsed.hasMatchedOption("--debug") || isDebug(parsed)) {
            e.printStackTrace(err);
        }
        String name = qualifiedName(command);
        if (e instanceof CommandFailure failure) {
            err.println(name + ": " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        if (cancelled(e)) {
            err.println(name + ": cancelled");
            err.flush();
            return CommandCancelled.EXIT_CODE;
        }
        if (e instanceof Refusal refusal) {
            err.println(name + ": " + refusal.getMessage() + " (" + refusal.reason() + ")");
            err.flush();
            return refusal.kind() == Refusal.Kind.INVALID ? 2 : 1;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(name + ": " + message.lines().findFirst().orElse(message));
        err.flush();
        return 2;
    }

    /**
     * Ctrl-C in {@code z4j shell} interrupts the command's thread; whatever it was doing (a question, a walk of the
     * audit chain, opening the database) ends with one of these, and the operator reads "cancelled".
     */
    private static boolean cancelled(Throwable e) {
        if (CommandCancelled.requested()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommandCancelled || t instanceof CancellationException || t instanceof InterruptedException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String suggestion = e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()
                ? "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " : "";
        err.println(qualifiedName(command) + ": " + e.getMessage() + " (" + suggestion + "see " + qualifiedName(command)
                + " --help)");
        err.flush();
        return 2;
    }

    static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName(" ");
    }
}
