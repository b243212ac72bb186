package dev.z4j.ports.identity;

import dev.z4j.ports.audit.Actor;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking: a signed-in user (through a session), an agent (through its token, bound to one project), the
 * operator CLI on the brain's host, the brain itself, or nobody yet. The authorization policy decides on this and nothing else.
 */
public sealed interface Principal permits Principal.User, Principal.Agent, Principal.Cli, Principal.Brain,
        Principal.Anonymous {

    /** How this principal appears in the audit log. */
    Actor actor();

    /** A user signed in through {@code sessionId}; {@code owner} as read from the database on this request. */
    record User(UUID userId, boolean owner, UUID sessionId) implements Principal {
        public User {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(sessionId, "sessionId");
        }

        @Override
        public Actor actor() {
            return Actor.user(userId);
        }
    }

    /** An agent token: grants only SPEC §5's agent actions, only in {@code projectId}. */
    record Agent(UUID agentId, UUID projectId) implements Principal {
        public Agent {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(projectId, "projectId");
        }

        @Override
        public Actor actor() {
            return Actor.agent(agentId);
        }
    }

    /** The operator CLI, which works on the database directly; {@code osUser} is the account that ran it. */
    record Cli(Optional<String> osUser) implements Principal {
        public Cli {
            Objects.requireNonNull(osUser, "osUser");
        }

        @Override
        public Actor actor() {
            return Actor.cli(osUser.orElse(null));
        }
    }

    /** The brain acting on its own at start-up (first-boot token, headless bootstrap); audited as {@code system}. */
    record Brain() implements Principal {
        @Override
        public Actor actor() {
            return Actor.system();
        }
    }

    /** No credentials (or dead ones). Audited as a user action without an id (a sign-in attempt). */
    record Anonymous() implements Principal {
        @Override
        public Actor actor() {
            return new Actor(Actor.Type.USER, Optional.empty());
        }
    }
}
