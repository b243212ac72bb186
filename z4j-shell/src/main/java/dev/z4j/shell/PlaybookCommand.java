package dev.z4j.shell;

import dev.z4j.shell.agents.LeakedTokenPlaybook;
import dev.z4j.shell.audit.AuditTamperedPlaybook;
import dev.z4j.shell.identity.LostAdminPlaybook;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.system.BrainDownPlaybook;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code z4j playbook NAME}: the guided responses to the four incidents of the operator page. */
@Command(name = "playbook", mixinStandardHelpOptions = true,
        description = {"Walk through an incident step by step: run the checks, explain each finding in one line, "
                + "and ask before every change (each change is made by the z4j command it names).",
                "In scripts: --yes answers yes to every change, --no runs the checks only."})
public final class PlaybookCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say which playbook: brain-down, audit-tampered, leaked-token or lost-admin");
    }

    static CommandLine create(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        CommandLine playbooks = new CommandLine(new PlaybookCommand());
        playbooks.addSubcommand("brain-down", new BrainDownPlaybook(context, console, runner));
        playbooks.addSubcommand("audit-tampered", new AuditTamperedPlaybook(context, console, runner));
        playbooks.addSubcommand("leaked-token", new LeakedTokenPlaybook(context, console, runner));
        playbooks.addSubcommand("lost-admin", new LostAdminPlaybook(context, console, runner));
        return playbooks;
    }
}
