package dev.z4j.ports.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: one user's sessions as an owner or the operator sees them during an incident ({@code z4j sessions EMAIL}):
 * which are live, from where, and why the others ended. Reading is {@code USERS_VIEW}.
 */
public interface UserSessions {

    /**
     * The user's stored sessions, newest first: the live ones and those that ended within the last day (older ended
     * sessions are pruned).
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code user_not_found}
     */
    List<SessionState> of(Caller caller, UUID userId);

    /**
     * @param deadReason empty when the session is live; else {@code revoked}, {@code expired}, {@code idle},
     *                   {@code password_changed} or {@code user_inactive}
     */
    record SessionState(Session session, Optional<String> deadReason) {
        public SessionState {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(deadReason, "deadReason");
        }

        public boolean live() {
            return deadReason.isEmpty();
        }
    }
}
