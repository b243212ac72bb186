package dev.z4j.shell.system;

import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.SystemHealth.CheckResult;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code z4j check}: one line per check, {@code ok} or {@code FAIL: reason}; exit 0 when all pass, 1 otherwise. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check configuration, secrets, database, schema, disk and the audit chain head; exit 1 if any "
                + "check fails.")
public final class CheckCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public CheckCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return run(context, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the checks and the summary line; returns the exit code (0 all passed, 1 otherwise). */
    static int run(OperatorContext context, PrintWriter out, PrintWriter err) {
        List<CheckResult> results = results(context, err);
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2;
        for (CheckResult result : results) {
            String padded = String.format("%-" + width + "s", result.name());
            out.println(padded + (result.ok() ? "ok" + detail(result.detail()) : "FAIL: " + result.detail()));
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.println(failed == 0 ? "z4j check: all checks passed"
                : "z4j check: " + failed + " check" + (failed == 1 ? "" : "s") + " failed");
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Every check, configuration first; warnings about the configuration go to {@code err}. */
    static List<CheckResult> results(OperatorContext context, PrintWriter err) {
        List<CheckResult> results = new ArrayList<>();
        try {
            results.add(CheckResult.pass("configuration", context.validateConfiguration()));
            context.configurationWarnings().forEach(w -> err.println("warning: " + w));
        } catch (RuntimeException e) {
            results.add(CheckResult.fail("configuration", e.getMessage()));
        }
        if (results.get(0).ok()) {
            try {
                results.addAll(context.health().check());
            } catch (DatabaseUnavailableException e) {
                results.add(CheckResult.fail("database", e.getMessage()));
                results.add(CheckResult.fail("schema", "not checked: the database is unreachable"));
            }
        }
        return results;
    }

    private static String detail(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }
}
