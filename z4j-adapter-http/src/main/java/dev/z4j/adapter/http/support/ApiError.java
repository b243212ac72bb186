package dev.z4j.adapter.http.support;

import java.util.Map;

/**
 * An error answered with the one envelope {@code {"error", "message", "request_id", "details"}}. Route code throws it;
 * {@link ErrorHandling} renders it.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError unauthenticated(String message) {
        return new ApiError(401, "unauthenticated", message);
    }

    public static ApiError forbidden(String message, Map<String, Object> details) {
        return new ApiError(403, "forbidden", message, details);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError conflict(String message, Map<String, Object> details) {
        return new ApiError(409, "conflict", message, details);
    }

    public static ApiError validation(String message, Map<String, Object> details) {
        return new ApiError(422, "validation_error", message, details);
    }
}
