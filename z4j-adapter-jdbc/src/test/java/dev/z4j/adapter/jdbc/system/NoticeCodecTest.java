package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import dev.z4j.ports.system.ClusterNotice.ProjectChanged;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoticeCodecTest {

    static final UUID AGENT = UUID.fromString("5b8a1c1e-0000-4000-8000-00000000000a");
    static final UUID PROJECT = UUID.fromString("5b8a1c1e-0000-4000-8000-00000000000b");

    @Test
    void notices_are_small_versioned_texts_of_ids_and_round_trip() {
        assertThat(NoticeCodec.encode("00000000000000a1", 42, new AgentSessionsEnded(AGENT, 7)))
                .isEqualTo("1 sessions_ended 00000000000000a1 42 5b8a1c1e-0000-4000-8000-00000000000a 7");
        for (ClusterNotice notice : new ClusterNotice[] {new AgentSessionsEnded(AGENT, Long.MAX_VALUE),
                new CommandsWaiting(PROJECT, AGENT), new ProjectChanged(PROJECT, "task.changed")}) {
            String text = NoticeCodec.encode("00000000000000a1", 9, notice);
            assertThat(text.length()).isLessThan(120);
            assertThat(NoticeCodec.decode(text))
                    .contains(new NoticeCodec.Message("00000000000000a1", 9, Optional.of(notice)));
        }
        assertThat(NoticeCodec.decode(NoticeCodec.ping("00000000000000a1")))
                .contains(new NoticeCodec.Message("00000000000000a1", 0, Optional.empty()));
    }

    @Test
    void another_version_an_unknown_kind_or_a_malformed_payload_is_ignored() {
        assertThat(NoticeCodec.decode("2 sessions_ended 00000000000000a1 1 " + AGENT + " 7")).isEmpty();
        assertThat(NoticeCodec.decode("1 reboot 00000000000000a1 1")).isEmpty();
        assertThat(NoticeCodec.decode("1 sessions_ended 00000000000000a1 1 not-a-uuid 7")).isEmpty();
        assertThat(NoticeCodec.decode("1 sessions_ended 00000000000000a1 1 " + AGENT)).isEmpty();
        assertThat(NoticeCodec.decode("1 project_changed 00000000000000a1 0 " + PROJECT + " Bad-Topic")).isEmpty();
        assertThat(NoticeCodec.decode("")).isEmpty();
        assertThat(NoticeCodec.kept(new ProjectChanged(PROJECT, "task.changed"))).isFalse();
        assertThat(NoticeCodec.kept(new CommandsWaiting(PROJECT, AGENT))).isTrue();
    }
}
