package dev.z4j.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON object request body with typed, validated fields. A missing required field, a wrong type or a value out of
 * bounds is a 422 naming the field; values are never echoed back (they may be passwords).
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody of(Context ctx) {
        String body = ctx.body();
        try {
            JsonNode root = MAPPER.readTree(body.isBlank() ? "{}" : body);
            if (root == null || !root.isObject()) {
                throw ApiError.validation("the request body must be a JSON object", Map.of());
            }
            return new JsonBody(root);
        } catch (JsonProcessingException e) {
            throw ApiError.validation("the request body is not valid JSON", Map.of());
        }
    }

    public boolean has(String field) {
        return root.has(field) && !root.get(field).isNull();
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> invalid(field, field + " is required"));
    }

    public Optional<String> optionalText(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = root.get(field);
        if (!value.isTextual()) {
            throw invalid(field, field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = root.get(field);
        if (!value.isBoolean()) {
            throw invalid(field, field + " must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<Integer> optionalInt(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = root.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field, field + " must be a whole number");
        }
        return Optional.of(value.asInt());
    }

    public Optional<UUID> optionalUuid(String field) {
        return optionalText(field).map(text -> uuid(field, text));
    }

    /** A path or body value that must be a UUID; 404 for a path parameter is the caller's choice. */
    public static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field, field + " must be a UUID");
        }
    }

    private static ApiError invalid(String field, String message) {
        return ApiError.validation(message, Map.of("field", field));
    }
}
