package dev.z4j.shell.audit;

import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code z4j audit tail}: the newest audit rows, oldest of them first, as they would scroll by. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Show the newest audit rows (oldest of them first): seq, time, actor, action, target, result, "
                + "source ip.", "Look at one row with its neighbours and its check: z4j audit show SEQ."})
public final class AuditTailCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--rows"}, paramLabel = "N", defaultValue = "20",
            description = "How many rows (default ${DEFAULT-VALUE}, at most " + AuditQuery.MAX_LIMIT + ").")
    int rows;

    @Option(names = "--json", description = "One JSON object per row (JSON lines), every column included.")
    boolean json;

    public AuditTailCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (rows < 1 || rows > AuditQuery.MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be between 1 and "
                    + AuditQuery.MAX_LIMIT);
        }
        List<AuditRecord> newest = new ArrayList<>(context.audit().search(AuditQuery.all().withLimit(rows)).rows());
        Collections.reverse(newest);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            newest.forEach(r -> out.println(JsonOutput.write(AuditSearchCommand.asMap(r))));
        } else if (newest.isEmpty()) {
            out.println("(the audit log is empty)");
        } else {
            out.println(AuditRows.header());
            newest.forEach(r -> out.println(AuditRows.line(r)));
        }
        out.flush();
        return 0;
    }
}
