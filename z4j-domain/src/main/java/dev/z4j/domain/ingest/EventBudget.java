package dev.z4j.domain.ingest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each project's events-per-second budget: a token bucket holding one second of events, refilled continuously. A
 * request for more events than the bucket holds is granted once it is full (so a batch larger than one second's
 * budget still passes, and later requests wait for the debt to be paid).
 */
final class EventBudget {

    private final double perSecond;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond events per second per project; 0 for no limit */
    EventBudget(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("the events-per-second budget cannot be negative");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Zero when granted (and taken); otherwise how long until it would be. */
    Duration admit(UUID project, int events) {
        if (perSecond == 0 || events <= 0) {
            return Duration.ZERO;
        }
        return buckets.computeIfAbsent(project, p -> new Bucket(perSecond, nanoTime.getAsLong()))
                .take(events, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(double capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized Duration take(int events, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * capacity);
            refilledAt = now;
            double needed = Math.min(events, capacity);
            if (tokens >= needed) {
                tokens -= events;
                return Duration.ZERO;
            }
            return Duration.ofNanos(Math.max(1_000_000L, (long) Math.ceil((needed - tokens) / capacity * 1e9)));
        }
    }
}
