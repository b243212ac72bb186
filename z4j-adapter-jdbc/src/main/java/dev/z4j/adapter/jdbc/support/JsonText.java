package dev.z4j.adapter.jdbc.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/** A JSON document bound to a JSON column: {@code jsonb} on PostgreSQL, {@code TEXT} on SQLite. */
public record JsonText(String json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonText {
        Objects.requireNonNull(json, "json");
    }

    /** The JSON of a value made of maps, lists, strings, numbers, booleans and nulls. */
    public static JsonText of(Object value) {
        try {
            return new JsonText(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + value.getClass().getName(), e);
        }
    }

    /**
     * Reads a stored JSON column.
     *
     * @param table names the table in the error if the column holds malformed JSON
     */
    public static <T> T parse(String json, TypeReference<T> type, String table) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + table + " row holds malformed JSON", e);
        }
    }
}
