package dev.z4j.adapter.jdbc.system;

import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import dev.z4j.ports.system.ClusterNotice.ProjectChanged;
import java.util.Optional;
import java.util.UUID;

/**
 * The text of a cluster notice on the {@code NOTIFY} channel: space-separated tokens, the format version first, then
 * the kind, the publishing replica and the notice's row in {@code cluster_notices} (0 for a notice not kept there),
 * then the kind's fields, all ids, numbers or topic names (about 100 bytes; the limit is 8000). A payload of another
 * version or an unknown kind is ignored, which lets replicas of two versions run side by side during a rolling
 * upgrade.
 *
 * <pre>
 * 1 sessions_ended &lt;replica&gt; &lt;seq&gt; &lt;agent uuid&gt; &lt;through generation&gt;
 * 1 commands_waiting &lt;replica&gt; &lt;seq&gt; &lt;project uuid&gt; &lt;agent uuid&gt;
 * 1 project_changed &lt;replica&gt; 0 &lt;project uuid&gt; &lt;topic&gt;
 * 1 ping &lt;replica&gt; 0                      (the listener's own watchdog)
 * </pre>
 */
final class NoticeCodec {

    static final String VERSION = "1";

    private NoticeCodec() {
    }

    /** A decoded payload: who sent it, its row ({@code 0}: none), and the notice ({@code empty} for a ping). */
    record Message(String origin, long seq, Optional<ClusterNotice> notice) {
    }

    /** Whether the notice is kept in {@code cluster_notices} so that a replica that missed it can catch up. */
    static boolean kept(ClusterNotice notice) {
        return !(notice instanceof ProjectChanged);
    }

    static String encode(String origin, long seq, ClusterNotice notice) {
        String head = String.join(" ", VERSION, kind(notice), origin, Long.toString(seq));
        if (notice instanceof AgentSessionsEnded ended) {
            return String.join(" ", head, ended.agentId().toString(), Long.toString(ended.throughGeneration()));
        }
        if (notice instanceof CommandsWaiting waiting) {
            return String.join(" ", head, waiting.projectId().toString(), waiting.agentId().toString());
        }
        ProjectChanged changed = (ProjectChanged) notice;
        return String.join(" ", head, changed.projectId().toString(), changed.topic());
    }

    private static String kind(ClusterNotice notice) {
        if (notice instanceof AgentSessionsEnded) {
            return "sessions_ended";
        }
        return notice instanceof CommandsWaiting ? "commands_waiting" : "project_changed";
    }

    static String ping(String origin) {
        return String.join(" ", VERSION, "ping", origin, "0");
    }

    /** Empty for another version, an unknown kind or a malformed payload. */
    static Optional<Message> decode(String payload) {
        String[] t = payload.split(" ", -1);
        if (t.length < 4 || !t[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            String origin = t[2];
            long seq = Long.parseLong(t[3]);
            Optional<ClusterNotice> notice = switch (t[1]) {
                case "ping" -> t.length == 4 ? Optional.empty() : null;
                case "sessions_ended" -> t.length == 6 ? Optional.of(new AgentSessionsEnded(UUID.fromString(t[4]),
                        Long.parseLong(t[5]))) : null;
                case "commands_waiting" -> t.length == 6 ? Optional.of(new CommandsWaiting(UUID.fromString(t[4]),
                        UUID.fromString(t[5]))) : null;
                case "project_changed" -> t.length == 6 ? Optional.of(new ProjectChanged(UUID.fromString(t[4]),
                        t[5])) : null;
                default -> null;
            };
            return notice == null ? Optional.empty() : Optional.of(new Message(origin, seq, notice));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
