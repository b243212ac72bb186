package dev.z4j.shell.system;

import dev.z4j.shell.support.OperatorContext;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the brain's version.", mixinStandardHelpOptions = true)
public final class VersionCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public VersionCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(context.version());
        return 0;
    }
}
