package dev.z4j.shell.system;

import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code z4j doctor}: {@code check}, then warnings about what will hurt later (a single owner, old backups, an audit
 * chain not verified lately, dev mode beyond loopback, low disk). Warnings do not change the exit code.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Run the checks, then warn about single owners, old backups, unverified audit chains, dev mode "
                + "beyond loopback and low disk. Exit code as `check`.")
public final class DoctorCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public DoctorCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int exit = CheckCommand.run(context, out, spec.commandLine().getErr());
        List<String> warnings = new ArrayList<>();
        try {
            warnings.addAll(context.configurationAdvice());
            warnings.addAll(context.health().advice());
        } catch (RuntimeException e) {
            warnings.add("cannot look further while the checks above fail: " + e.getMessage());
        }
        if (warnings.isEmpty()) {
            out.println("z4j doctor: no warnings");
        } else {
            out.println("z4j doctor: " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"));
            for (int i = 0; i < warnings.size(); i++) {
                out.println("  " + (i + 1) + ". " + warnings.get(i));
            }
        }
        out.flush();
        return exit;
    }
}
