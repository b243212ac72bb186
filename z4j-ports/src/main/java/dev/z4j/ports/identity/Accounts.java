package dev.z4j.ports.identity;

import java.util.List;
import java.util.UUID;

/** In-port: what a signed-in user does about their own account. */
public interface Accounts {

    /** The caller and the projects they can reach with their role (owners: every active project, as admin). */
    Me me(Caller caller);

    /**
     * Changes the caller's password: checks the current one, applies the policy, bumps {@code password_changed_at},
     * revokes every session of the user and returns a fresh one for the caller.
     */
    SignedIn changePassword(Caller caller, String currentPassword, String newPassword);

    /**
     * Changes the caller's display name (trimmed, 1 to 200 characters; the email never changes).
     *
     * @throws dev.z4j.ports.support.Refusal INVALID {@code invalid_display_name}
     */
    User changeDisplayName(Caller caller, String displayName);

    /** The caller's live sessions, newest first. */
    List<SessionView> sessions(Caller caller);

    /** Revokes one of the caller's own sessions; another user's session is {@code NOT_FOUND}. */
    void revokeSession(Caller caller, UUID sessionId);

    PasswordRules passwordRules();

    record Me(User user, List<ProjectMembership> memberships) {
        public Me {
            memberships = List.copyOf(memberships);
        }
    }

    /** A project the user reaches, with their role in it. */
    record ProjectMembership(UUID projectId, String projectSlug, ProjectRole role) {
    }

    record SessionView(Session session, boolean current) {
    }
}
