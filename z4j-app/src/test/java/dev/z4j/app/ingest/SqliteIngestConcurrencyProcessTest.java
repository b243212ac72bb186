package dev.z4j.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.RestProbe;
import dev.z4j.app.testing.ServedBrain;
import dev.z4j.app.testing.StreamingAgent;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 agents streaming batches of 100 events into one real {@code z4j serve} on SQLite for a minute (upstream loses
 * events and wedges its write lock here): every acknowledged event is in the database exactly once, no
 * {@code database is locked} reaches anyone, no session is closed, and REST (health, sign-in, a read) answers during
 * and right after the run. The duration is {@code -Dz4j.ingest.concurrency.seconds} (60 unless set lower to iterate
 * quickly); the events budget is off, so the database is what is stressed.
 */
class SqliteIngestConcurrencyProcessTest {

    private static final int AGENTS = 100;
    private static final int BATCH = 100;
    /** Unacknowledged batches per agent, like the agent's send buffer. */
    private static final int WINDOW = 4;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("z4j.ingest.concurrency.seconds", 60));

    @TempDir
    Path home;

    @Test
    void a_hundred_agents_for_a_minute_lose_nothing_acknowledged_and_never_see_the_database_locked() throws Exception {
        try (ServedBrain brain = ServedBrain.start(home, z4j -> z4j.env("Z4J_RATELIMIT_EVENTS_PER_SECOND", "0"))) {
            List<StreamingAgent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(StreamingAgent.start(brain.connect(brain.mint("busy-" + i)),
                        String.format("conc%03d", i), BATCH, WINDOW));
            }
            RestProbe rest = RestProbe.start(brain);
            Thread.sleep(RUN.toMillis());
            agents.forEach(StreamingAgent::stopSending);
            for (StreamingAgent agent : agents) {
                assertThat(agent.drain(Duration.ofMinutes(3))).as("every batch acknowledged; session closed: %s",
                        agent.connection().isClosed() ? agent.connection().awaitClose(Duration.ZERO) : "no").isTrue();
            }
            rest.stop();
            rest.round(brain, true);

            long acked = agents.stream().mapToLong(StreamingAgent::ackedEvents).sum();
            System.out.printf("%d agents x batch %d for %d s: %d events acknowledged; slowest REST answers %s over %d "
                    + "requests%n", AGENTS, BATCH, RUN.toSeconds(), acked, rest.slowest(), rest.requests());
            assertThat(rest.failures()).isEmpty();
            assertThat(brain.log()).doesNotContainIgnoringCase("database is locked")
                    .doesNotContain("SQLITE_BUSY").doesNotContain("could not store ingested events");
            List<String> ackedKeys = new ArrayList<>();
            for (StreamingAgent agent : agents) {
                assertThat(agent.failure()).isNull();
                assertThat(agent.connection().isClosed()).as("no session closed").isFalse();
                assertThat(agent.ackedBatches()).isPositive();
                agent.acks().forEach(ack -> {
                    assertThat(ack.accepted()).isEqualTo(ack.size());
                    ackedKeys.addAll(ack.keys());
                });
                agent.connection().close();
            }
            Set<String> distinct = new HashSet<>(ackedKeys);
            assertThat(distinct).hasSize((int) acked);
            try (Connection db = brain.database()) {
                Map<String, Integer> stored = StreamingAgent.stored(db, "conc");
                assertThat(distinct.stream().filter(key -> !stored.containsKey(key)).limit(10))
                        .as("acknowledged but not stored").isEmpty();
                assertThat(stored.keySet().stream().filter(key -> !distinct.contains(key)).limit(10))
                        .as("stored but never acknowledged").isEmpty();
                assertThat(stored.values()).allMatch(rows -> rows == 1);
            }
        }
    }
}
