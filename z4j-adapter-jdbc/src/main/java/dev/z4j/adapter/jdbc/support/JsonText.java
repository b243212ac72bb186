package dev.z4j.adapter.jdbc.support;

import java.util.Objects;

/** A JSON document bound to a JSON column: {@code jsonb} on PostgreSQL, {@code TEXT} on SQLite. */
public record JsonText(String json) {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }
}
