package dev.z4j.ports.identity;

import dev.z4j.ports.support.Refusal;
import java.util.Locale;

/** A user's role in a project, weakest first: {@code viewer} < {@code operator} < {@code admin}. */
public enum ProjectRole {
    VIEWER, OPERATOR, ADMIN;

    /** The wire and stored form: {@code viewer}, {@code operator}, {@code admin}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(ProjectRole needed) {
        return compareTo(needed) >= 0;
    }

    /** @throws Refusal {@code unknown_role} for anything but the three role names */
    public static ProjectRole fromWire(String value) {
        if (value != null) {
            for (ProjectRole role : values()) {
                if (role.wire().equals(value)) {
                    return role;
                }
            }
        }
        throw Refusal.invalid("unknown_role", "role must be one of viewer, operator, admin",
                java.util.Map.of("field", "role"));
    }
}
