package dev.z4j.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.ingest.TaskChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskMergeTest {

    static final Instant T = Instant.parse("2026-05-13T10:00:00Z");
    static final UUID ID = UUID.randomUUID();
    static final UUID PROJECT = UUID.randomUUID();

    static TaskChange change(int tier, String state, int seconds, int stage) {
        Instant at = T.plusSeconds(seconds);
        boolean terminal = tier == TaskChange.TERMINAL;
        return new TaskChange(ID, PROJECT, "celery", "t", null, null, null, null, tier, state,
                tier == 0 ? null : at, stage, state != null && state.equals("received") ? at : null,
                state != null && state.equals("received") ? "[" + seconds + "]" : null, null, null, null, null,
                state != null && state.equals("started") ? at : null, state != null && state.equals("started")
                ? "w" + seconds : null, terminal ? at : null, state != null && state.equals("success") ? "1" : null,
                null, null, null, state != null && state.equals("retry") ? 1 : 0, at, at);
    }

    @Test
    void the_outcome_does_not_depend_on_the_order_events_arrive_in() {
        List<TaskChange> lifecycle = List.of(change(1, "received", 1, 1), change(1, "started", 2, 2),
                change(1, "retry", 3, 3), change(1, "started", 4, 2), change(2, "success", 5, 4),
                change(0, null, 0, 0));
        TaskChange expected = fold(lifecycle);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<TaskChange> shuffled = new ArrayList<>(lifecycle);
            Collections.shuffle(shuffled, random);

            TaskChange merged = fold(shuffled);

            assertThat(merged.state()).isEqualTo("success");
            assertThat(merged.startedAt()).isEqualTo(T.plusSeconds(4));
            assertThat(merged.workerName()).isEqualTo("w4");
            assertThat(merged.args()).isEqualTo("[1]");
            assertThat(merged.retries()).isEqualTo(1);
            assertThat(merged.firstSeenAt()).isEqualTo(T);
            assertThat(merged).isEqualTo(expected);
        }
    }

    @Test
    void a_terminal_state_is_never_replaced_by_a_non_terminal_one_however_recent() {
        TaskChange merged = TaskMerge.merge(change(2, "revoked", 1, 6), change(1, "started", 9, 2));

        assertThat(merged.state()).isEqualTo("revoked");
        assertThat(merged.finishedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(merged.startedAt()).isEqualTo(T.plusSeconds(9));
    }

    @Test
    void at_the_same_instant_the_later_lifecycle_stage_wins() {
        assertThat(TaskMerge.merge(change(1, "started", 1, 2), change(1, "received", 1, 1)).state())
                .isEqualTo("started");
        assertThat(TaskMerge.merge(change(1, "received", 1, 1), change(1, "started", 1, 2)).state())
                .isEqualTo("started");
    }

    private static TaskChange fold(List<TaskChange> changes) {
        TaskChange merged = changes.get(0);
        for (TaskChange next : changes.subList(1, changes.size())) {
            merged = TaskMerge.merge(merged, next);
        }
        return merged;
    }
}
