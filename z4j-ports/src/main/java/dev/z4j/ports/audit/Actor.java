package dev.z4j.ports.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who caused an audited change: a signed-in user, an agent token, an API key, the operator CLI, or the brain itself.
 * {@code id} is the user's, agent's or key's UUID as text; for {@code cli} the OS user when known.
 */
public record Actor(Type type, Optional<String> id) {

    public enum Type {
        USER, AGENT, API_KEY, CLI, SYSTEM;

        /** The stored form: {@code user}, {@code agent}, {@code api_key}, {@code cli}, {@code system}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Actor user(java.util.UUID userId) {
        return new Actor(Type.USER, Optional.of(userId.toString()));
    }

    public static Actor agent(java.util.UUID agentId) {
        return new Actor(Type.AGENT, Optional.of(agentId.toString()));
    }

    public static Actor cli(String operator) {
        return new Actor(Type.CLI, Optional.ofNullable(operator));
    }

    public static Actor system() {
        return new Actor(Type.SYSTEM, Optional.empty());
    }
}
