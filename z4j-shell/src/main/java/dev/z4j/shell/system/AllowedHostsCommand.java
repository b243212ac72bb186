package dev.z4j.shell.system;

import dev.z4j.ports.system.AllowedHostsFile;
import dev.z4j.ports.system.AllowedHostsFile.Change;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code z4j allowed-hosts list|add|remove|path}: the Host names the brain accepts, persisted in the home. */
@Command(name = "allowed-hosts", mixinStandardHelpOptions = true,
        description = {"Edit $Z4J_HOME/allowed-hosts, the Host names the brain accepts beyond the loopback ones and "
                + "Z4J_ALLOWED_HOSTS. The brain reads it when it starts: restart it after a change."})
public final class AllowedHostsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say list, add NAME, remove NAME or path");
    }

    /** The command with its subcommands, bound to the operator context. */
    public static CommandLine create(OperatorContext context) {
        CommandLine hosts = new CommandLine(new AllowedHostsCommand());
        hosts.addSubcommand("list", new ListHosts(context));
        hosts.addSubcommand("add", new Add(context));
        hosts.addSubcommand("remove", new Remove(context));
        hosts.addSubcommand("path", new PathOf(context));
        return hosts;
    }

    static void restartReminder(PrintWriter out, OperatorContext context, AllowedHostsFile file) {
        out.println("Wrote " + file.path() + ". The brain reads it when it starts: restart it for the change to take "
                + "effect.");
        OptionalLong running = context.runningBrain();
        if (running.isPresent()) {
            out.println("A brain is running" + (running.getAsLong() > 0 ? " (pid " + running.getAsLong() + ")" : "")
                    + " with the old list: restart it (systemctl restart z4j, or docker compose restart z4j).");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the persisted hosts, one per line.")
    public static final class ListHosts implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        ListHosts(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AllowedHostsFile file = context.allowedHosts();
            List<String> hosts = file.list();
            if (hosts.isEmpty()) {
                spec.commandLine().getErr().println("(no hosts in " + file.path() + "; add one with: z4j allowed-hosts "
                        + "add z4j.example.com)");
            }
            hosts.forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add host names or IP addresses (no scheme, port or wildcard).")
    public static final class Add implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        Add(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AllowedHostsFile file = context.allowedHosts();
            Change change;
            try {
                change = file.add(names);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(2, e.getMessage() + "; nothing was written");
            }
            PrintWriter out = spec.commandLine().getOut();
            change.changed().forEach(h -> out.println("  added:   " + h));
            change.unchanged().forEach(h -> out.println("  skipped: " + h + " (already present)"));
            if (!change.changed().isEmpty()) {
                restartReminder(out, context, file);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove host names.")
    public static final class Remove implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        Remove(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AllowedHostsFile file = context.allowedHosts();
            Change change = file.remove(names);
            PrintWriter out = spec.commandLine().getOut();
            change.changed().forEach(h -> out.println("  removed:   " + h));
            change.unchanged().forEach(h -> out.println("  not found: " + h));
            if (!change.changed().isEmpty()) {
                restartReminder(out, context, file);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the file's path.")
    public static final class PathOf implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PathOf(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(context.allowedHosts().path());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
