package dev.z4j.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.RestProbe;
import dev.z4j.app.testing.ServedBrain;
import dev.z4j.app.testing.StreamingAgent;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood beyond the project's events budget from several agents, each with far more unacknowledged batches in
 * flight than the brain keeps in memory (only the socket holds them back): the real {@code z4j serve} in a JVM with a small heap paces them by not reading their
 * sockets, keeps its live heap bounded and answers REST throughout, and every event sent is acknowledged as accepted
 * and stored once.
 */
class IngestBackPressureProcessTest {

    private static final int BUDGET = 2_000;
    private static final int AGENTS = 3;
    private static final int BATCH = 100;
    /** Unacknowledged batches per agent: 36,000 events in all, more than the brain's heap could hold parsed. */
    private static final int WINDOW = 120;
    private static final Duration FLOOD = Duration.ofSeconds(8);

    @TempDir
    Path home;

    @Test
    void a_flood_beyond_the_budget_is_paced_not_dropped_with_bounded_heap_and_rest_answering() throws Exception {
        try (ServedBrain brain = ServedBrain.start(home, z4j -> z4j
                .env("Z4J_RATELIMIT_EVENTS_PER_SECOND", Integer.toString(BUDGET))
                .jvm("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"))) {
            long idleHeap = brain.liveHeapBytes();
            long start = System.nanoTime();
            List<StreamingAgent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(StreamingAgent.start(brain.connect(brain.mint("flood-" + i)), "flood" + i, BATCH,
                        WINDOW));
            }
            RestProbe rest = RestProbe.start(brain);
            Thread.sleep(FLOOD.toMillis() / 2);
            long floodHeap = brain.liveHeapBytes();
            Thread.sleep(FLOOD.toMillis() / 2);
            agents.forEach(StreamingAgent::stopSending);
            double floodSeconds = (System.nanoTime() - start) / 1e9;
            long sent = agents.stream().mapToLong(StreamingAgent::sentEvents).sum();
            long ackedInFlood = agents.stream().mapToLong(StreamingAgent::ackedEvents).sum();

            for (StreamingAgent agent : agents) {
                assertThat(agent.drain(Duration.ofMinutes(3))).as("every batch acknowledged").isTrue();
            }
            rest.stop();
            long sentInAll = agents.stream().mapToLong(StreamingAgent::sentEvents).sum();
            System.out.printf("flood: sent %d events in %.1f s, acked %d during it; live heap idle %d MiB, "
                            + "in the flood %d MiB; slowest REST answers %s over %d requests%n", sent, floodSeconds,
                    ackedInFlood, idleHeap >> 20, floodHeap >> 20, rest.slowest(), rest.requests());

            assertThat(brain.isAlive()).isTrue();
            assertThat(brain.log()).doesNotContain("OutOfMemoryError");
            assertThat(rest.failures()).isEmpty();
            assertThat(rest.requests()).isGreaterThan(10);
            // paced: the project got about its budget (a bucket of one second to start with), the rest waited
            assertThat(ackedInFlood).isLessThanOrEqualTo((long) (BUDGET * (floodSeconds + 1.5)) + AGENTS * BATCH);
            assertThat(sent).isGreaterThan(ackedInFlood + AGENTS * BATCH);
            assertThat(floodHeap).isLessThan(72L << 20);
            long total = 0;
            for (StreamingAgent agent : agents) {
                assertThat(agent.failure()).isNull();
                assertThat(agent.connection().isClosed()).as("no session closed").isFalse();
                assertThat(agent.acks()).allSatisfy(ack -> assertThat(ack.accepted())
                        .isEqualTo(ack.size()));
                total += agent.ackedEvents();
            }
            assertThat(total).isEqualTo(sentInAll);
            try (Connection db = brain.database()) {
                Map<String, Integer> stored = StreamingAgent.stored(db, "flood");
                assertThat(stored).hasSize((int) sentInAll).allSatisfy((key, rows) -> assertThat(rows).isEqualTo(1));
            }
            agents.forEach(a -> a.connection().close());
        }
    }
}
