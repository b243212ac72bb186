package dev.z4j.adapter.http.support;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** Query parameters of list routes. */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code ?limit=}, or {@code defaultLimit} when absent; the in-port bounds it. 422 when not a whole number. */
    public static int limit(Context ctx, int defaultLimit) {
        String value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.validation("limit must be a whole number", Map.of("field", "limit"));
        }
    }

    /** A parameter, empty when absent or blank. */
    public static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
    }
}
