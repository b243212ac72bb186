package dev.z4j.adapter.http.identity;

import dev.z4j.ports.identity.User;
import java.util.LinkedHashMap;
import java.util.Map;

/** How users appear in responses (upstream's UserPublic, with {@code is_owner} for {@code is_admin}). */
final class IdentityJson {

    private IdentityJson() {
    }

    static Map<String, Object> user(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id().toString());
        json.put("email", user.email().value());
        json.put("display_name", user.displayName());
        json.put("is_owner", user.owner());
        json.put("is_active", user.active());
        json.put("last_login_at", user.lastLoginAt().orElse(null));
        json.put("password_changed_at", user.passwordChangedAt());
        json.put("created_at", user.createdAt());
        json.put("updated_at", user.updatedAt());
        return json;
    }
}
