package dev.z4j.shell.identity;

import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserSessions.SessionState;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.UtcTime;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code z4j sessions EMAIL}: who is signed in as this user, from where, and why the other sessions ended. Read-only;
 * for a suspected account takeover, {@code changepassword} ends every session.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"Show a user's sessions: live ones and those that ended in the last day, newest first, with "
                + "when they were issued and last seen, the address they came from, and why each ended.",
                "To end every session of the user, set a new password: z4j changepassword EMAIL."})
public final class SessionsCommand implements Callable<Integer> {

    private static final int USER_AGENT_WIDTH = 40;

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's email.")
    String email;

    @Option(names = "--json", description = "One JSON object per session (JSON lines).")
    boolean json;

    public SessionsCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        User user = context.users().findByEmail(context.operator(), email)
                .orElseThrow(() -> new CommandFailure(1, "no user with email " + email));
        List<SessionState> sessions = context.sessions().of(context.operator(), user.id());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            sessions.forEach(s -> out.println(JsonOutput.write(asMap(s))));
            out.flush();
            return 0;
        }
        out.println("z4j sessions: " + user.email() + " (" + (user.owner() ? "owner" : "user") + ", "
                + (user.active() ? "active" : "deactivated") + "; password set " + UtcTime.seconds(
                user.passwordChangedAt()) + user.lastLoginAt().map(t -> "; last sign-in " + UtcTime.seconds(t))
                .orElse("") + ")");
        if (sessions.isEmpty()) {
            out.println("  no sessions (none live, none ended in the last day)");
        } else {
            out.println(String.format(Locale.ROOT, "  %-8s  %-23s  %-23s  %-24s  %-15s  %s", "ID", "ISSUED",
                    "LAST SEEN", "STATE", "FROM", "USER AGENT"));
            for (SessionState s : sessions) {
                Session session = s.session();
                out.println(String.format(Locale.ROOT, "  %-8s  %-23s  %-23s  %-24s  %-15s  %s",
                        session.id().toString().substring(0, 8), UtcTime.seconds(session.issuedAt()),
                        UtcTime.seconds(session.lastSeenAt()), state(s), session.ipAtIssue(),
                        session.userAgentAtIssue().map(SessionsCommand::cut).orElse("-")).stripTrailing());
            }
        }
        long live = sessions.stream().filter(SessionState::live).count();
        out.println(sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + ", " + live + " live."
                + (live > 0 ? " To end them all: z4j changepassword " + user.email() : ""));
        out.flush();
        return 0;
    }

    private static String state(SessionState s) {
        if (s.live()) {
            return "live";
        }
        String reason = s.deadReason().orElseThrow();
        return "ended: " + (reason.equals("revoked")
                ? s.session().revocationReason().map(r -> "revoked (" + r + ")").orElse("revoked") : reason);
    }

    private static String cut(String userAgent) {
        return userAgent.length() <= USER_AGENT_WIDTH ? userAgent : userAgent.substring(0, USER_AGENT_WIDTH - 3)
                + "...";
    }

    private static Map<String, Object> asMap(SessionState s) {
        Session session = s.session();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", session.id().toString());
        map.put("issued_at", session.issuedAt().toString());
        map.put("last_seen_at", session.lastSeenAt().toString());
        map.put("expires_at", session.expiresAt().toString());
        map.put("live", s.live());
        map.put("ended_because", s.deadReason().orElse(null));
        map.put("revoked_at", session.revokedAt().map(Object::toString).orElse(null));
        map.put("revocation_reason", session.revocationReason().orElse(null));
        map.put("ip_at_issue", session.ipAtIssue());
        map.put("user_agent_at_issue", session.userAgentAtIssue().orElse(null));
        return map;
    }
}
