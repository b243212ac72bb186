package dev.z4j.shell;

import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code z4j shell}: the interactive operator shell (SPEC §11). */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"The interactive operator shell: every z4j command (without the `z4j`), tab completion of "
                + "commands, options, user emails, project slugs and agents, history, and guided playbooks for "
                + "incidents (`playbook`). It works on the database directly, so it serves while the brain is down.",
                "Ctrl-C cancels the running command, Ctrl-D (or `exit`) leaves."})
public final class ShellCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ShellCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().flush();
        try (Terminal terminal = TerminalBuilder.builder().name("z4j").system(true).dumb(true).build()) {
            return new Z4jShell(context, terminal, System.console() != null).run();
        } catch (IOException e) {
            throw new CommandFailure(2, "cannot open the terminal (" + e.getMessage() + ")");
        }
    }
}
