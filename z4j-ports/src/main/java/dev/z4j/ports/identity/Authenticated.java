package dev.z4j.ports.identity;

import java.util.Objects;

/** A live session resolved from its cookie: the principal for this request, its user and its CSRF token. */
public record Authenticated(Principal.User principal, User user, Session session) {

    public Authenticated {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
    }
}
