package dev.z4j.shell.audit;

import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationReport.ChainBreak;
import dev.z4j.ports.audit.VerificationReport.UnverifiableRange;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.Secret;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.UtcTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j audit verify}: walks every row of the chain (or those after a checkpoint) and prints the seed's lines.
 * Exit 0 when the chain is intact, 1 when a row is broken or unverifiable, 2 on usage or configuration errors.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Walk the audit chain row by row and report the first row that was edited, deleted, "
                + "inserted or moved.", "Exit 0 intact, 1 broken or unverifiable, 2 usage or configuration error."})
public final class AuditVerifyCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = "--from-checkpoint", paramLabel = "FILE",
            description = "Verify incrementally from a checkpoint written by `z4j audit checkpoint`: its row must "
                    + "still match, then only the rows after it are walked.")
    Path checkpointFile;

    @Option(names = "--previous-secret-file", paramLabel = "FILE",
            description = "Old secrets to verify rows signed before a rotation: an old secret.env, or one secret "
                    + "per line.")
    Path previousSecretFile;

    public AuditVerifyCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Secret> extra = previousSecretFile == null ? List.of() : PreviousSecretFile.read(previousSecretFile);
        Optional<AuditCheckpoint> checkpoint = Optional.empty();
        if (checkpointFile != null) {
            checkpoint = Optional.of(readCheckpoint(checkpointFile, extra));
        }
        VerificationReport report = context.audit().verify(new VerificationRequest(checkpoint, extra));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.write(asMap(report)));
        } else {
            lines(report).forEach(out::println);
        }
        out.flush();
        return report.outcome() == VerificationReport.Outcome.INTACT ? 0 : 1;
    }

    private AuditCheckpoint readCheckpoint(Path file, List<Secret> extra) {
        String document;
        try {
            document = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(2, "cannot read checkpoint " + file + " (" + e.getMessage() + ")");
        }
        try {
            return context.audit().readCheckpoint(document, extra);
        } catch (AuditCheckpoint.InvalidCheckpointException e) {
            throw new CommandFailure(2, "checkpoint " + file + ": " + e.getMessage());
        }
    }

    /** The report as the operator reads it: the seed's lines for OK and FAIL. */
    static List<String> lines(VerificationReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("z4j audit verify: " + report.summary());
        report.notes().forEach(note -> lines.add("  note: " + note));
        report.chainBreak().ifPresent(b -> {
            lines.add("  expected " + b.field() + ": " + abbreviate(b.expected()));
            lines.add("  got " + b.field() + ": " + abbreviate(b.got()));
            b.reason().ifPresent(reason -> lines.add("  reason: " + reason));
            lines.add("  first-broken-row timestamp: " + b.occurredAt().map(UtcTime::seconds).orElse("unknown"));
        });
        if (report.outcome() == VerificationReport.Outcome.UNVERIFIABLE) {
            for (UnverifiableRange r : report.unverifiable()) {
                lines.add("  rows " + r.firstSeq() + "-" + r.lastSeq() + " (" + r.rows() + "): unverifiable with the "
                        + "current secret (key " + r.keyId() + ")");
            }
            lines.add("  to verify them, pass the old secret in Z4J_PREVIOUS_SECRETS or with --previous-secret-file");
        }
        return lines;
    }

    /** A 64-digit HMAC is shown as its first six digits, as the seed prints it; anything else as is. */
    static String abbreviate(String value) {
        return value.matches("[0-9a-f]{64}") ? value.substring(0, 6) + "..." : value;
    }

    static Map<String, Object> asMap(VerificationReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ok", report.outcome() == VerificationReport.Outcome.INTACT);
        map.put("result", report.outcome().name().toLowerCase(java.util.Locale.ROOT));
        map.put("summary", "z4j audit verify: " + report.summary());
        map.put("rows_walked", report.rowsWalked());
        map.put("first_broken_row", report.chainBreak().map(AuditVerifyCommand::breakMap).orElse(null));
        List<Object> ranges = new ArrayList<>();
        for (UnverifiableRange r : report.unverifiable()) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("key_id", r.keyId());
            range.put("first_seq", r.firstSeq());
            range.put("last_seq", r.lastSeq());
            range.put("rows", r.rows());
            ranges.add(range);
        }
        map.put("unverifiable", ranges);
        map.put("notes", report.notes());
        map.put("finished_at", report.finishedAt().toString());
        return map;
    }

    private static Map<String, Object> breakMap(ChainBreak b) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", b.seq());
        map.put("audit_id", b.auditId());
        map.put("check", b.field());
        map.put("expected", b.expected());
        map.put("got", b.got());
        map.put("occurred_at", b.occurredAt().map(Instant::toString).orElse(null));
        map.put("reason", b.reason().orElse(null));
        return map;
    }
}
