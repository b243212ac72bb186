package dev.z4j.ports.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: owners (and the operator CLI) manage users. No operation changes an email. The last active owner cannot
 * be deleted, deactivated or demoted ({@code CONFLICT last_owner}); nobody deletes, deactivates or demotes themselves.
 */
public interface UserAdministration {

    List<User> list(Caller caller, int limit, int offset);

    User get(Caller caller, UUID userId);

    Optional<User> findByEmail(Caller caller, String email);

    /** @throws dev.z4j.ports.support.Refusal CONFLICT {@code email_taken}; INVALID for a weak password or bad email */
    User create(Caller caller, NewUser user);

    User update(Caller caller, UUID userId, UserChanges changes);

    /** Sets a new password, bumps {@code password_changed_at}, revokes every session of the user. */
    void setPassword(Caller caller, UUID userId, String newPassword);

    void delete(Caller caller, UUID userId);

    /** @param password plaintext; never logged or audited */
    record NewUser(String email, String displayName, String password, boolean owner) {
        @Override
        public String toString() {
            return "NewUser[email=" + email + ", owner=" + owner + "]";
        }
    }

    /** Only the present fields change. */
    record UserChanges(Optional<String> displayName, Optional<Boolean> owner, Optional<Boolean> active) {
        public UserChanges {
            java.util.Objects.requireNonNull(displayName, "displayName");
            java.util.Objects.requireNonNull(owner, "owner");
            java.util.Objects.requireNonNull(active, "active");
        }
    }
}
