package dev.z4j.domain.ingest;

import dev.z4j.domain.support.NameBasedUuid;
import java.util.UUID;

/**
 * The ids of ingested rows, derived from what identifies them (version 5 UUIDs), so the same event, task, worker
 * or queue reported twice (a re-sent batch, several agents, two brains) lands on the same row without a lookup.
 * Variable-length parts are length-prefixed, so {@code ("a:b", "c")} and {@code ("a", "b:c")} never collide.
 */
final class IngestIds {

    /** Upstream's namespace for event ids; ours for the other rows, each under its own prefix. */
    static final UUID NAMESPACE = UUID.fromString("c4d2c84e-2f0a-4b6c-9c5b-1d6f9a1e7c2a");

    private IngestIds() {
    }

    static UUID task(UUID project, String engine, String taskId) {
        return NameBasedUuid.v5(NAMESPACE, "task:" + project + ":" + prefixed(engine) + taskId);
    }

    static UUID worker(UUID project, String engine, String name) {
        return NameBasedUuid.v5(NAMESPACE, "worker:" + project + ":" + prefixed(engine) + name);
    }

    static UUID queue(UUID project, String engine, String name) {
        return NameBasedUuid.v5(NAMESPACE, "queue:" + project + ":" + prefixed(engine) + name);
    }

    /**
     * A task lifecycle event: the same task, kind and moment (as the agent stamped it, before any clamping) is the
     * same event whichever agent reports it and however often.
     */
    static UUID taskEvent(UUID project, String engine, String taskId, String kind, String moment) {
        return NameBasedUuid.v5(NAMESPACE, "event:" + project + ":" + prefixed(engine) + prefixed(kind)
                + prefixed(moment) + taskId);
    }

    /** Any other event carrying a well-formed random id of the agent's (upstream's derivation). */
    static UUID agentEvent(UUID project, UUID agentEventId) {
        return NameBasedUuid.v5(NAMESPACE, project + ":" + agentEventId);
    }

    /** An event with neither: its canonical content, so re-sending it still collapses. */
    static UUID contentEvent(UUID project, String canonicalEvent) {
        return NameBasedUuid.v5(NAMESPACE, "content:" + project + ":" + canonicalEvent);
    }

    private static String prefixed(String part) {
        return part.length() + ":" + part + ":";
    }
}
