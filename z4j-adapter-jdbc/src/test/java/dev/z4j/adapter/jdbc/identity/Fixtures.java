package dev.z4j.adapter.jdbc.identity;

import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Rows for contract tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00.123456Z");

    private Fixtures() {
    }

    static User user(String email, boolean owner, boolean active) {
        return new User(UUID.randomUUID(), EmailAddress.parse(email), "Name of " + email, owner, active, T0,
                Optional.empty(), T0, T0);
    }

    static Instant at(long seconds) {
        return T0.plus(seconds, ChronoUnit.SECONDS);
    }
}
