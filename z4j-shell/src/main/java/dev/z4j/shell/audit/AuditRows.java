package dev.z4j.shell.audit;

import dev.z4j.ports.audit.AuditInspection.InspectedRow;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.VerificationReport.ChainBreak;
import dev.z4j.shell.support.UtcTime;
import java.util.List;
import java.util.Locale;

/** Audit rows as the incident views print them: one line per row, and what checking a row alone found. */
final class AuditRows {

    private AuditRows() {
    }

    static String header() {
        return String.format(Locale.ROOT, "%8s  %-23s  %-44s  %-28s  %-40s  %-7s  %s", "SEQ", "TIME", "ACTOR",
                "ACTION", "TARGET", "RESULT", "SOURCE IP");
    }

    static String line(AuditRecord r) {
        return String.format(Locale.ROOT, "%8d  %-23s  %-44s  %-28s  %-40s  %-7s  %s", r.seq(),
                UtcTime.seconds(r.occurredAt()), actor(r), r.entry().action(), target(r), r.entry().result(),
                r.entry().sourceIp().orElse("-")).stripTrailing();
    }

    static String actor(AuditRecord r) {
        return r.entry().actor().type().wire() + r.entry().actor().id().map(id -> ":" + id).orElse("");
    }

    static String target(AuditRecord r) {
        return r.entry().targetType() + r.entry().targetId().map(id -> ":" + id).orElse("");
    }

    /** One line: what checking the row alone found, naming the expected and stored values when they differ. */
    static String verdict(InspectedRow row) {
        String note = row.note().map(n -> "; " + n).orElse("");
        return switch (row.verdict()) {
            case VERIFIED -> "ok: " + (row.seq() == 1 ? "the genesis row" : "links to the row before it")
                    + " and its row_hmac verifies" + row.record().map(r -> " (key " + r.keyId() + ")").orElse("")
                    + note;
            case UNVERIFIABLE -> "UNVERIFIABLE: signed by key " + row.record().map(AuditRecord::keyId).orElse("?")
                    + ", which this brain does not hold (pass the old secret in Z4J_PREVIOUS_SECRETS)" + note;
            case MISSING -> "MISSING: no row " + row.seq() + " is stored: it was deleted";
            case BROKEN -> "FAIL: " + broken(row.chainBreak().orElseThrow()) + note;
        };
    }

    private static String broken(ChainBreak b) {
        String values = " (expected " + AuditVerifyCommand.abbreviate(b.expected()) + ", got "
                + AuditVerifyCommand.abbreviate(b.got()) + ")";
        if (b.reason().isPresent()) {
            return b.reason().get();
        }
        return switch (b.field()) {
            case "prev_hmac" -> "its prev_row_hmac is not the row_hmac of the row before it" + values
                    + ": a row before it was deleted, inserted or rewritten";
            case "row_hmac" -> "its row_hmac does not match its content" + values + ": the row was edited";
            default -> b.field() + " does not verify" + values;
        };
    }

    /** A short mark for the neighbour table. */
    static String mark(InspectedRow row) {
        return switch (row.verdict()) {
            case VERIFIED -> "ok";
            case UNVERIFIABLE -> "unverifiable";
            case MISSING -> "MISSING";
            case BROKEN -> "FAIL " + row.chainBreak().orElseThrow().field();
        };
    }

    static List<String> neighbourTable(List<InspectedRow> rows, long focus) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %10s  %-23s  %-28s  %-44s  %s", "SEQ", "TIME", "ACTION", "ACTOR",
                "CHECK"));
        for (InspectedRow row : rows) {
            String pointer = row.seq() == focus ? ">" : " ";
            lines.add(row.record().map(r -> String.format(Locale.ROOT, "%s %10d  %-23s  %-28s  %-44s  %s", pointer,
                    r.seq(), UtcTime.seconds(r.occurredAt()), r.entry().action(), actor(r), mark(row)))
                    .orElse(String.format(Locale.ROOT, "%s %10d  %-23s  %-28s  %-44s  %s", pointer, row.seq(),
                            "-", "-", "-", mark(row))).stripTrailing());
        }
        return lines;
    }
}
