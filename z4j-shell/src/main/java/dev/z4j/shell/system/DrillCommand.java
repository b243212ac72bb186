package dev.z4j.shell.system;

import dev.z4j.ports.system.RestoreDrill.DrillReport;
import dev.z4j.ports.system.RestoreDrill.DrillStep;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code z4j drill BACKUP}: the quarterly restore drill, on a scratch copy; exit 0 on PASS, 1 on FAIL. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Restore drill: restore BACKUP into a scratch home (PostgreSQL: a scratch database), run "
                + "check, status and the audit verification there, print a pass/fail report, and remove the scratch "
                + "copy. Nothing else is touched; the brain may keep running."})
public final class DrillCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", description = "The backup to drill (.db or pg_dump archive).")
    Path backup;

    public DrillCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DrillReport report = context.drill().drill(backup);
        PrintWriter out = spec.commandLine().getOut();
        out.println("z4j drill: " + report.backup());
        int width = report.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0) + 2;
        for (DrillStep step : report.steps()) {
            out.println("  " + String.format("%-" + width + "s", step.name()) + (step.ok() ? "PASS  " : "FAIL  ")
                    + step.detail());
        }
        out.println(report.passed() ? "z4j drill: PASS (the scratch copy is removed; nothing else was touched)"
                : "z4j drill: FAIL (the scratch copy is removed; nothing else was touched)");
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
