package dev.z4j.adapter.http.audit;

import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationReport.ChainBreak;
import dev.z4j.ports.support.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Audit rows and verification reports as the API and the exports write them. */
final class AuditRows {

    /** Exports stop here; narrow the filters (a time window) for more. */
    static final int MAX_EXPORT = 50_000;
    static final List<String> COLUMNS = List.of("seq", "id", "occurred_at", "actor_type", "actor_id", "project_id",
            "action", "target_type", "target_id", "result", "source_ip", "user_agent", "metadata");

    private AuditRows() {
    }

    static Map<String, Object> json(AuditRecord row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", row.seq());
        json.put("id", row.id().toString());
        json.put("occurred_at", row.occurredAt());
        json.put("actor_type", row.entry().actor().type().wire());
        json.put("actor_id", row.entry().actor().id().orElse(null));
        json.put("project_id", row.entry().projectId().map(Object::toString).orElse(null));
        json.put("action", row.entry().action());
        json.put("target_type", row.entry().targetType());
        json.put("target_id", row.entry().targetId().orElse(null));
        json.put("result", row.entry().result());
        json.put("source_ip", row.entry().sourceIp().orElse(null));
        json.put("user_agent", row.entry().userAgent().orElse(null));
        json.put("metadata", row.entry().metadata());
        return json;
    }

    /**
     * Every row of a search, for an export.
     *
     * @throws Refusal INVALID {@code export_too_large} past {@link #MAX_EXPORT} rows
     */
    static List<AuditRecord> all(AuditTrail audit, AuditQuery query) {
        List<AuditRecord> rows = new ArrayList<>();
        AuditQuery page = query.withLimit(AuditQuery.MAX_LIMIT);
        while (true) {
            AuditPage found = audit.search(page);
            rows.addAll(found.rows());
            if (rows.size() > MAX_EXPORT) {
                throw Refusal.invalid("export_too_large", "more than " + MAX_EXPORT + " rows match; narrow the "
                        + "filters (since, until, action) and export in parts", Map.of("max_rows", MAX_EXPORT));
            }
            if (found.nextCursor().isEmpty()) {
                return rows;
            }
            page = page.withCursor(found.nextCursor().get());
        }
    }

    /** A verification report, in the field names of {@code z4j audit verify --json}. */
    static Map<String, Object> report(VerificationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", report.outcome() == VerificationReport.Outcome.INTACT);
        json.put("result", report.outcome().name().toLowerCase(Locale.ROOT));
        json.put("summary", "z4j audit verify: " + report.summary());
        json.put("rows_walked", report.rowsWalked());
        json.put("first_broken_row", report.chainBreak().map(AuditRows::chainBreak).orElse(null));
        json.put("notes", report.notes());
        json.put("finished_at", report.finishedAt());
        return json;
    }

    private static Map<String, Object> chainBreak(ChainBreak b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", b.seq());
        json.put("audit_id", b.auditId());
        json.put("check", b.field());
        json.put("expected", b.expected());
        json.put("got", b.got());
        json.put("occurred_at", b.occurredAt().map(Instant::toString).orElse(null));
        json.put("reason", b.reason().orElse(null));
        return json;
    }

    /** One CSV field, quoted; a cell a spreadsheet would run as a formula gets a leading {@code '}. */
    static String csvField(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
