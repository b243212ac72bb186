package dev.z4j.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.ServedBrain;
import dev.z4j.app.testing.StreamingAgent;
import dev.z4j.app.testing.StreamingAgent.Ack;
import dev.z4j.app.testing.StreamingAgent.Batch;
import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a stream (SPEC §6: nothing acknowledged is lost): the real {@code z4j serve} is killed
 * while an agent streams with batches in flight; after a restart on the same home every acknowledged batch is in
 * the database, and the agent's re-sent batches (its unacknowledged ones and some acknowledged ones, as an agent
 * that lost its acks would send) add no row twice.
 */
class IngestKillProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void every_acknowledged_batch_survives_kill_9_and_re_sent_batches_do_not_duplicate_rows() throws Exception {
        try (ServedBrain brain = ServedBrain.start(home, z4j -> z4j)) {
            ServedBrain.Minted minted = brain.mint("killed-mid-stream");
            StreamingAgent stream = StreamingAgent.start(brain.connect(minted), "kill", 30, 16);
            Z4jProcess.await("40 batches acknowledged", WAIT, () -> stream.ackedBatches() >= 40);

            brain.kill();
            assertThat(stream.drain(WAIT)).as("batches in flight when the brain died").isFalse();
            List<Ack> acked = stream.acks();
            List<Batch> unacked = new ArrayList<>(stream.unacknowledged());
            assertThat(stream.failure()).isNull();
            assertThat(acked).hasSizeGreaterThanOrEqualTo(40).allSatisfy(ack -> {
                assertThat(ack.accepted()).isEqualTo(ack.size());
                assertThat(ack.rejected()).isZero();
            });

            brain.restart();
            try (Connection db = brain.database()) {
                Map<String, Integer> stored = StreamingAgent.stored(db, "kill-");
                for (Ack ack : acked) {
                    assertThat(ack.keys()).as("acknowledged batch %s", ack.batchId())
                            .allSatisfy(key -> assertThat(stored).containsEntry(key, 1));
                }
            }

            List<Batch> resent = new ArrayList<>(unacked);
            resent.addAll(stream.recentlyAcknowledged(5));
            long alreadyStored = 0;
            try (TestAgent again = brain.connect(minted)) {
                for (Batch batch : resent) {
                    again.sendSigned("event_batch", batch.id(), Map.of("events", batch.events()));
                    Map<String, Object> ack = again.awaitFrame("event_batch_ack", WAIT).payload();
                    assertThat(ack).containsEntry("acked_id", batch.id())
                            .containsEntry("received", (long) batch.events().size());
                    long accepted = (Long) ack.get("accepted");
                    assertThat((Long) ack.get("rejected")).isEqualTo(batch.events().size() - accepted);
                    alreadyStored += batch.events().size() - accepted;
                }
            }
            // the five acknowledged batches at least come back as duplicates
            assertThat(alreadyStored).isGreaterThanOrEqualTo(5L * 30);

            try (Connection db = brain.database()) {
                Map<String, Integer> stored = StreamingAgent.stored(db, "kill-");
                List<String> sent = new ArrayList<>();
                acked.forEach(ack -> sent.addAll(ack.keys()));
                unacked.forEach(batch -> sent.addAll(batch.keys()));
                assertThat(stored).hasSize(sent.size()).allSatisfy((key, rows) -> assertThat(rows).as(key).isEqualTo(1));
                assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }
}
