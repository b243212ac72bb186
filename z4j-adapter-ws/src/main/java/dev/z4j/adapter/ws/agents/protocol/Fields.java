package dev.z4j.adapter.ws.agents.protocol;

import java.util.List;
import java.util.Map;

/** Strict field checks in pydantic's sense: a string must be a JSON string, an int a JSON int, no coercion. */
final class Fields {

    private Fields() {
    }

    static String requireString(Map<String, Object> object, String name, int minLength, int maxLength, String where) {
        if (!(object.get(name) instanceof String s) || !lengthWithin(s, minLength, maxLength)) {
            throw ProtocolException.badFrame(where + " field " + name + " must be a string of " + minLength + ".."
                    + maxLength + " characters");
        }
        return s;
    }

    static String optionalString(Map<String, Object> object, String name, int maxLength, String where) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !lengthWithin(s, 0, maxLength)) {
            throw ProtocolException.badFrame(where + " field " + name + " must be a string of at most " + maxLength
                    + " characters or null");
        }
        return s;
    }

    static Long optionalInt(Map<String, Object> object, String name, long min, long max, String where) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long l) || l < min || l > max) {
            throw ProtocolException.badFrame(where + " field " + name + " must be an integer in " + min + ".." + max
                    + " or null");
        }
        return l;
    }

    static List<String> stringList(Map<String, Object> object, String name, int maxItems, String where) {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > maxItems
                || !list.stream().allMatch(String.class::isInstance)) {
            throw ProtocolException.badFrame(where + " field " + name + " must be a list of at most " + maxItems
                    + " strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Python's {@code len(str)} counts code points, not UTF-16 units. */
    static boolean lengthWithin(String s, int min, int max) {
        int n = s.codePointCount(0, s.length());
        return n >= min && n <= max;
    }
}
