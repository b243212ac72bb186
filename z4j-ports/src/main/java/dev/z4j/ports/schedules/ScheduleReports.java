package dev.z4j.ports.schedules;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * In-port: what agents report about their schedulers' schedules, the {@code schedule.snapshot},
 * {@code schedule.created}, {@code schedule.updated} and {@code schedule.deleted} events of their batches (as the
 * agent sent them; the service checks and redacts). Project and agent come from the authenticated session.
 */
public interface ScheduleReports {

    /** Whether an event of this kind is a schedule report (cheap: the gateway asks for every event). */
    static boolean isReport(Object kind) {
        return kind instanceof String k && k.startsWith("schedule.")
                && (k.equals("schedule.snapshot") || k.equals("schedule.created") || k.equals("schedule.updated")
                || k.equals("schedule.deleted"));
    }

    void report(UUID projectId, UUID agentId, List<Map<String, Object>> events);
}
