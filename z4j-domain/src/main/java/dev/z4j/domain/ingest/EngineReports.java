package dev.z4j.domain.ingest;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.domain.support.Redaction;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.ingest.WorkerChange.WorkerDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The queues and workers a heartbeat's {@code adapter_health} describes. {@code <engine>.queue_depths} is JSON
 * {@code {queue: depth}}; {@code <engine>.worker_details} is JSON {@code {hostname: {stats, active, active_queues,
 * registered, conf}}} (Celery's inspect snapshot), of which {@code conf} keeps only settings that cannot hold a
 * credential. Values that do not parse are skipped: a heartbeat never fails.
 */
final class EngineReports {

    static final int MAX_QUEUES = 1024;
    static final int MAX_WORKERS = 256;
    private static final String QUEUE_DEPTHS = ".queue_depths";
    private static final String WORKER_DETAILS = ".worker_details";

    /** Celery settings shown with a worker; anything else in {@code conf} (broker URLs, result backends) is dropped. */
    static final Set<String> CONF_ALLOWED = Set.of("task_serializer", "result_serializer", "accept_content",
            "task_default_queue", "worker_concurrency", "worker_prefetch_multiplier", "worker_max_tasks_per_child",
            "worker_max_memory_per_child", "task_acks_late", "task_reject_on_worker_lost", "task_time_limit",
            "task_soft_time_limit", "broker_pool_limit", "broker_heartbeat", "timezone", "enable_utc");

    record Sightings(List<WorkerChange> workers, List<QueueChange> queues) {
        boolean isEmpty() {
            return workers.isEmpty() && queues.isEmpty();
        }
    }

    private EngineReports() {
    }

    /** Whether the heartbeat carries anything stored (most carry only scalar health). */
    static boolean describesEngines(Map<String, String> adapterHealth) {
        for (String key : adapterHealth.keySet()) {
            if (key.endsWith(QUEUE_DEPTHS) || key.endsWith(WORKER_DETAILS)) {
                return true;
            }
        }
        return false;
    }

    static Sightings of(EngineHealth report, Instant now) {
        List<WorkerChange> workers = new ArrayList<>();
        List<QueueChange> queues = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(report.adapterHealth()).entrySet()) {
            String key = entry.getKey();
            if (key.endsWith(QUEUE_DEPTHS)) {
                String engine = engine(key, QUEUE_DEPTHS);
                if (engine != null && parse(entry.getValue()) instanceof Map<?, ?> depths) {
                    queueDepths(report, engine, depths, now, queues);
                }
            } else if (key.endsWith(WORKER_DETAILS)) {
                String engine = engine(key, WORKER_DETAILS);
                if (engine != null && parse(entry.getValue()) instanceof Map<?, ?> details) {
                    workerDetails(report, engine, details, now, workers, queues);
                }
            }
        }
        return new Sightings(workers, queues);
    }

    private static void queueDepths(EngineHealth report, String engine, Map<?, ?> depths, Instant now,
                                    List<QueueChange> queues) {
        int count = 0;
        for (Map.Entry<?, ?> depth : new TreeMap<>(stringKeys(depths)).entrySet()) {
            String name = EventPreparation.label(depth.getKey(), EventPreparation.MAX_LABEL);
            if (name == null || !(depth.getValue() instanceof Number n) || count++ >= MAX_QUEUES) {
                continue;
            }
            queues.add(new QueueChange(IngestIds.queue(report.projectId(), engine, name), report.projectId(), engine,
                    name, now, Math.max(0, n.longValue())));
        }
    }

    private static void workerDetails(EngineHealth report, String engine, Map<?, ?> byHost, Instant now,
                                      List<WorkerChange> workers, List<QueueChange> queues) {
        int count = 0;
        for (Map.Entry<?, ?> worker : new TreeMap<>(stringKeys(byHost)).entrySet()) {
            String name = EventPreparation.label(worker.getKey(), EventPreparation.MAX_LABEL);
            if (name == null || !(worker.getValue() instanceof Map<?, ?> details) || count++ >= MAX_WORKERS) {
                continue;
            }
            Map<?, ?> stats = details.get("stats") instanceof Map<?, ?> m ? m : Map.of();
            List<String> queueNames = new ArrayList<>();
            if (details.get("active_queues") instanceof List<?> active) {
                for (Object queue : active) {
                    String queueName = queue instanceof Map<?, ?> q
                            ? EventPreparation.label(q.get("name"), EventPreparation.MAX_LABEL) : null;
                    if (queueName != null) {
                        queueNames.add(queueName);
                        queues.add(new QueueChange(IngestIds.queue(report.projectId(), engine, queueName),
                                report.projectId(), engine, queueName, now, null));
                    }
                }
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (String part : new String[] {"stats", "active", "active_queues", "registered"}) {
                if (details.containsKey(part)) {
                    metadata.put(part, details.get(part));
                }
            }
            if (details.get("conf") instanceof Map<?, ?> conf) {
                Map<String, Object> allowed = new TreeMap<>();
                conf.forEach((k, v) -> {
                    if (CONF_ALLOWED.contains(String.valueOf(k))) {
                        allowed.put(String.valueOf(k), v);
                    }
                });
                metadata.put("conf", allowed);
            }
            Object cleanMetadata = Redaction.bounded(Redaction.value(metadata), Redaction.MAX_VALUE_BYTES);
            WorkerDetails parsed = new WorkerDetails(name, number(stats.get("pid")), concurrency(stats),
                    CanonicalJson.write(queueNames),
                    details.get("active") instanceof List<?> active ? (long) active.size() : null,
                    stats.get("loadavg") instanceof List<?> load ? CanonicalJson.write(Redaction.value(load)) : null,
                    CanonicalJson.write(cleanMetadata));
            workers.add(new WorkerChange(IngestIds.worker(report.projectId(), engine, name), report.projectId(),
                    engine, name, "online", now, parsed));
        }
    }

    /** {@code pool.max-concurrency}, else the number of {@code pool.processes}. */
    private static Long concurrency(Map<?, ?> stats) {
        if (!(stats.get("pool") instanceof Map<?, ?> pool)) {
            return null;
        }
        Long max = number(pool.get("max-concurrency"));
        if (max != null) {
            return max;
        }
        return pool.get("processes") instanceof List<?> processes ? (long) processes.size() : null;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static String engine(String key, String suffix) {
        return EventPreparation.label(key.substring(0, key.length() - suffix.length()), EventPreparation.MAX_ENGINE);
    }

    private static Object parse(String json) {
        try {
            return CanonicalJson.parse(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
