package dev.z4j.shell.audit;

import dev.z4j.ports.audit.AuditInspection.InspectedRow;
import dev.z4j.ports.audit.AuditInspection.Verdict;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.UtcTime;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code z4j audit show SEQ}: one audit row in full, its neighbours, and what checking each alone found. Exit 0 when
 * the row verifies, 1 when it is broken, missing or unverifiable.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one audit row in full with the rows around it, each checked alone: its link to the row "
                + "before it and its own HMAC.", "`z4j audit verify` checks the whole chain. Exit 0 when the row "
                + "verifies, 1 when it is broken, missing or unverifiable."})
public final class AuditShowCommand implements Callable<Integer> {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEQ", description = "The row's position in the chain (its seq).")
    long seq;

    @Option(names = "--around", paramLabel = "N", defaultValue = "3",
            description = "Rows shown before and after it (default ${DEFAULT-VALUE}).")
    int around;

    @Option(names = "--json", description = "The row, its neighbours and their checks as one JSON object.")
    boolean json;

    public AuditShowCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (around < 0 || around > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--around must be between 0 and 50");
        }
        List<InspectedRow> rows = context.auditInspection().inspect(seq, around);
        InspectedRow row = rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("row", asMap(row));
            map.put("neighbours", rows.stream().filter(r -> r.seq() != seq).map(AuditShowCommand::asMap).toList());
            out.println(JsonOutput.write(map));
        } else {
            print(out, row, rows);
        }
        out.flush();
        return row.verdict() == Verdict.VERIFIED ? 0 : 1;
    }

    private void print(PrintWriter out, InspectedRow row, List<InspectedRow> rows) {
        out.println("audit row " + seq + row.record().map(r -> " (audit_id=" + r.id() + ")").orElse("") + ": "
                + AuditRows.verdict(row));
        row.record().ifPresent(r -> {
            field(out, "occurred_at", MICROS.format(r.occurredAt()));
            field(out, "actor", AuditRows.actor(r));
            field(out, "project_id", r.entry().projectId().map(UUID::toString).orElse("-"));
            field(out, "action", r.entry().action());
            field(out, "target", AuditRows.target(r));
            field(out, "result", r.entry().result());
            field(out, "source_ip", r.entry().sourceIp().orElse("-"));
            field(out, "user_agent", r.entry().userAgent().orElse("-"));
            field(out, "metadata", JsonOutput.write(r.entry().metadata()));
            field(out, "key_id", r.keyId());
            field(out, "prev_row_hmac", r.prevRowHmac());
            field(out, "row_hmac", r.rowHmac());
        });
        out.println("Rows around it, each checked alone (`z4j audit verify` walks the whole chain):");
        AuditRows.neighbourTable(rows, seq).forEach(out::println);
        context.audit().lastVerification().ifPresent(v -> out.println("Last whole-chain verification: "
                + UtcTime.seconds(v.finishedAt()) + ": " + v.summary()));
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format(Locale.ROOT, "  %-14s %s", name, value));
    }

    private static Map<String, Object> asMap(InspectedRow row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", row.seq());
        map.put("check", row.verdict().name().toLowerCase(Locale.ROOT));
        map.put("detail", AuditRows.verdict(row));
        map.put("record", row.record().map(AuditSearchCommand::asMap).orElse(null));
        return map;
    }
}
