package dev.z4j.domain.ingest;

import dev.z4j.domain.support.NameBasedUuid;
import java.time.Instant;
import java.util.UUID;

/**
 * The ids of ingested rows, derived from what identifies them, so the same event, task, worker or queue reported
 * twice (a re-sent batch, several agents, two brains) lands on the same row without a lookup. Tasks, workers and
 * queues get version 5 UUIDs (looked up by what names them). Events get the same SHA-1 bits behind their time in
 * milliseconds ({@link NameBasedUuid#timeOrdered}): the events table then grows at its end, which on this kind of
 * machine made an insert three times cheaper than at random places (docs/ingest.md), and retention deletes a range
 * of the primary key. Variable-length parts are length-prefixed, so {@code ("a:b", "c")} and {@code ("a", "b:c")}
 * never collide.
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
     * A task lifecycle event: the same task, kind and moment (as the agent stamped it) is the same event whichever
     * agent reports it and however often. {@code at} is when it occurred as stored (the stamp unless it was clamped).
     */
    static UUID taskEvent(UUID project, String engine, String taskId, String kind, String moment, Instant at) {
        return NameBasedUuid.timeOrdered(NAMESPACE, "event:" + project + ":" + prefixed(engine) + prefixed(kind)
                + prefixed(moment) + taskId, at.toEpochMilli());
    }

    /** Any other event carrying a well-formed random id of the agent's (upstream's name for it). */
    static UUID agentEvent(UUID project, UUID agentEventId, Instant at) {
        return NameBasedUuid.timeOrdered(NAMESPACE, project + ":" + agentEventId, at.toEpochMilli());
    }

    /** An event with neither: its canonical content, so re-sending it still collapses. */
    static UUID contentEvent(UUID project, String canonicalEvent, Instant at) {
        return NameBasedUuid.timeOrdered(NAMESPACE, "content:" + project + ":" + canonicalEvent, at.toEpochMilli());
    }

    /** Every event that occurred before {@code at} has an id below this one. */
    static UUID firstEventAt(Instant at) {
        return NameBasedUuid.firstAt(at.toEpochMilli());
    }

    /** The key under which a task's events are indexed: the first 64 bits of the task's id. */
    static long taskKey(UUID task) {
        return task.getMostSignificantBits();
    }

    private static String prefixed(String part) {
        return part.length() + ":" + part + ":";
    }
}
