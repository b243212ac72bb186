package dev.z4j.domain.identity;

import dev.z4j.domain.support.AccessPolicy;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserSessions;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.support.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One user's sessions with the liveness rule sign-in applies ({@link Session#deadReason}), plus a deactivated user,
 * whose sessions the brain refuses whatever their own state.
 */
public final class SessionOverview implements UserSessions {

    static final int MAX_LISTED = 200;

    private final UserStore users;
    private final SessionStore sessions;
    private final SessionIssuer issuer;
    private final Clock clock;

    public SessionOverview(UserStore users, SessionStore sessions, SessionIssuer issuer, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public List<SessionState> of(Caller caller, UUID userId) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), Action.USERS_VIEW).orThrow("user");
        User user = users.findById(userId).orElseThrow(() -> Refusal.notFound("user_not_found", "user not found"));
        Instant now = Timestamps.now(clock);
        return sessions.listAll(userId, MAX_LISTED).stream()
                .map(s -> new SessionState(s, s.deadReason(now, issuer.idleTimeout(), user.passwordChangedAt())
                        .or(() -> user.active() ? Optional.empty() : Optional.of("user_inactive"))))
                .toList();
    }
}
