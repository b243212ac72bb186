package dev.z4j.shell.audit;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.shell.support.CommandCancelled;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.TimeArgument;
import dev.z4j.shell.support.UtcTime;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j audit search}: the seed's damage-assessment query without SQL. Oldest first: time, action, target,
 * source ip.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the audit log, oldest first: time, action, target, source ip.",
                "Example (a leaked agent token): z4j audit search --actor agent:<uuid> --since '2026-04-23 12:00:00'"})
public final class AuditSearchCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--actor", paramLabel = "TYPE[:ID]",
            description = "Who acted: user, agent, api_key, cli or system, optionally with an id (agent:<uuid>).")
    String actor;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Rows from this time on (UTC): '2026-04-23 12:00:00', 2026-04-23T12:00:00Z, 2026-04-23, 24h, 7d.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Rows before this time (same forms as --since).")
    String until;

    @Option(names = "--action", paramLabel = "PREFIX", description = "Actions starting with PREFIX (e.g. task. or auth.login).")
    String action;

    @Option(names = "--project", paramLabel = "UUID", description = "Rows of one project.")
    UUID project;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000", description = "At most N rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per row (JSON lines), every column included.")
    boolean json;

    public AuditSearchCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        AuditQuery query = query();
        List<AuditRecord> rows = new ArrayList<>();
        while (rows.size() < limit) {
            CommandCancelled.throwIfCancelled();
            AuditPage page = context.audit().search(query.withLimit(Math.min(PAGE, limit - rows.size())));
            rows.addAll(page.rows());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.withCursor(page.nextCursor().get());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            rows.forEach(r -> out.println(JsonOutput.write(asMap(r))));
        } else {
            printTable(out, rows);
        }
        out.flush();
        return 0;
    }

    private AuditQuery query() {
        AuditQuery query = AuditQuery.all().withOrder(AuditQuery.Order.OLDEST_FIRST);
        try {
            if (actor != null) {
                int colon = actor.indexOf(':');
                String type = colon < 0 ? actor : actor.substring(0, colon);
                Optional<String> id = colon < 0 ? Optional.empty() : Optional.of(actor.substring(colon + 1));
                query = query.withActor(Actor.Type.fromWire(type), id);
            }
            if (since != null) {
                query = query.withSince(TimeArgument.parse(since, Clock.systemUTC()));
            }
            if (until != null) {
                query = query.withUntil(TimeArgument.parse(until, Clock.systemUTC()));
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith("'") ? e.getMessage()
                    : "--actor must be user, agent, api_key, cli or system, optionally with :<id>";
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
        if (action != null) {
            query = query.withActionPrefix(action);
        }
        if (project != null) {
            query = query.withProject(project);
        }
        return query;
    }

    private static void printTable(PrintWriter out, List<AuditRecord> rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"TIME", "ACTION", "TARGET", "SOURCE IP"});
        for (AuditRecord r : rows) {
            table.add(new String[] {UtcTime.seconds(r.occurredAt()), r.entry().action(),
                    r.entry().targetType() + r.entry().targetId().map(id -> ":" + id).orElse(""),
                    r.entry().sourceIp().orElse("-")});
        }
        int[] widths = new int[3];
        for (String[] row : table) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : table) {
            out.println(String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2]
                    + "s  %s", (Object[]) row).stripTrailing());
        }
        if (rows.isEmpty()) {
            out.println("(no matching rows)");
        }
    }

    static Map<String, Object> asMap(AuditRecord r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", r.seq());
        map.put("id", r.id().toString());
        map.put("occurred_at", r.occurredAt().toString());
        map.put("actor_type", r.entry().actor().type().wire());
        map.put("actor_id", r.entry().actor().id().orElse(null));
        map.put("project_id", r.entry().projectId().map(UUID::toString).orElse(null));
        map.put("action", r.entry().action());
        map.put("target_type", r.entry().targetType());
        map.put("target_id", r.entry().targetId().orElse(null));
        map.put("result", r.entry().result());
        map.put("source_ip", r.entry().sourceIp().orElse(null));
        map.put("user_agent", r.entry().userAgent().orElse(null));
        map.put("metadata", r.entry().metadata());
        map.put("key_id", r.keyId());
        map.put("prev_row_hmac", r.prevRowHmac());
        map.put("row_hmac", r.rowHmac());
        return map;
    }
}
