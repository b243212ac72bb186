package dev.z4j.adapter.jdbc.system;

import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import dev.z4j.ports.system.ClusterNotice.ProjectChanged;
import java.util.Optional;
import java.util.UUID;

/**
 * The text of a cluster notice on the {@code NOTIFY} channel: space-separated tokens, the format version first, then
 * the kind and the publishing replica, then the kind's fields, all ids, numbers or topic names (about 100 bytes; the
 * limit is 8000). A payload of another version or an unknown kind is ignored, which lets replicas of two versions
 * run side by side during a rolling upgrade.
 *
 * <pre>
 * 1 sessions_ended &lt;replica&gt; &lt;agent uuid&gt; &lt;through generation&gt;
 * 1 commands_waiting &lt;replica&gt; &lt;project uuid&gt; &lt;agent uuid&gt;
 * 1 project_changed &lt;replica&gt; &lt;project uuid&gt; &lt;topic&gt;
 * 1 ping &lt;replica&gt;                      (the listener's own watchdog)
 * </pre>
 */
final class NoticeCodec {

    static final String VERSION = "1";

    private NoticeCodec() {
    }

    /** A decoded payload: who sent it, and the notice ({@code empty} for the watchdog's ping). */
    record Message(String origin, Optional<ClusterNotice> notice) {
    }

    static String encode(String origin, ClusterNotice notice) {
        if (notice instanceof AgentSessionsEnded ended) {
            return String.join(" ", VERSION, "sessions_ended", origin, ended.agentId().toString(),
                    Long.toString(ended.throughGeneration()));
        }
        if (notice instanceof CommandsWaiting waiting) {
            return String.join(" ", VERSION, "commands_waiting", origin, waiting.projectId().toString(),
                    waiting.agentId().toString());
        }
        if (notice instanceof ProjectChanged changed) {
            return String.join(" ", VERSION, "project_changed", origin, changed.projectId().toString(),
                    changed.topic());
        }
        throw new IllegalArgumentException("no encoding for " + notice.getClass().getSimpleName());
    }

    static String ping(String origin) {
        return String.join(" ", VERSION, "ping", origin);
    }

    /** Empty for another version, an unknown kind or a malformed payload. */
    static Optional<Message> decode(String payload) {
        String[] t = payload.split(" ", -1);
        if (t.length < 3 || !t[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            String origin = t[2];
            return switch (t[1]) {
                case "ping" -> t.length == 3 ? Optional.of(new Message(origin, Optional.empty())) : Optional.empty();
                case "sessions_ended" -> t.length == 5 ? message(origin, new AgentSessionsEnded(UUID.fromString(t[3]),
                        Long.parseLong(t[4]))) : Optional.empty();
                case "commands_waiting" -> t.length == 5 ? message(origin, new CommandsWaiting(UUID.fromString(t[3]),
                        UUID.fromString(t[4]))) : Optional.empty();
                case "project_changed" -> t.length == 5 ? message(origin, new ProjectChanged(UUID.fromString(t[3]),
                        t[4])) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Message> message(String origin, ClusterNotice notice) {
        return Optional.of(new Message(origin, Optional.of(notice)));
    }
}
