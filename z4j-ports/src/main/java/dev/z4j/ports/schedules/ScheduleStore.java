package dev.z4j.ports.schedules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: the {@code schedules} table. Writes join the caller's transaction. */
public interface ScheduleStore {

    /**
     * Inserts each schedule or updates the stored one with the same id, unless the stored one was reported later
     * ({@code reported_at}); {@code created_at} of a stored one is kept.
     */
    void upsert(Collection<ScheduleView> schedules);

    /** Deletes the scheduler's schedules in the project whose name is not in {@code keep}; returns how many. */
    int deleteAbsent(UUID projectId, String scheduler, Collection<String> keep);

    /** Deletes one schedule by name; true when it existed. */
    boolean delete(UUID projectId, String scheduler, String name);

    Optional<ScheduleView> find(UUID projectId, UUID scheduleId);

    /** By scheduler then name, after {@code afterId}'s position when given. */
    List<ScheduleView> list(UUID projectId, Optional<UUID> afterId, int limit);

    /** Records the enabled flag an operator asked for (until the scheduler reports otherwise). */
    boolean setEnabled(UUID projectId, UUID scheduleId, boolean enabled, Instant now);
}
