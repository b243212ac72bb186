package dev.z4j.shell.support;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** What every {@code z4j playbook NAME} command has: the operator's context, a console to ask, commands to run. */
public abstract class IncidentPlaybook implements Callable<Integer> {

    protected final OperatorContext context;
    private final OperatorConsole console;
    private final CommandRunner runner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PlaybookOptions options;

    protected IncidentPlaybook(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        this.context = context;
        this.console = console;
        this.runner = runner;
    }

    /** Prints the headline and returns the run that the steps are written to. */
    protected Playbook start(String name, String headline) {
        return new Playbook(name, headline, spec, console, runner, options);
    }

    /** A usage error naming this command (exit 2). */
    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
