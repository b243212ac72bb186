package dev.z4j.ports.projects;

import dev.z4j.ports.identity.EmailAddress;
import java.util.Objects;

/** A membership with the member's email and display name, for listings. */
public record Member(Membership membership, EmailAddress email, String displayName) {
    public Member {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
    }
}
