package dev.z4j.ports.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns audit metadata into immutable JSON values: {@code Map<String, Object>} (keys as given), {@code List},
 * {@code String}, {@code Boolean}, {@code null}, {@code Long}/{@code BigInteger} for integral numbers and
 * {@code Double}/{@code Float}/{@code BigDecimal} for decimals. Other values become their {@code toString()} (as
 * upstream's {@code default=str}); an {@link Optional} becomes its value or null. Non-finite numbers are refused:
 * JSON has no form for them.
 */
final class JsonValues {

    private JsonValues() {
    }

    static Map<String, Object> object(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            copy.put(String.valueOf(e.getKey()), value(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof BigInteger
                || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("audit metadata cannot hold " + v + " (not a JSON number)");
            }
            return v;
        }
        if (v instanceof Optional<?> optional) {
            return value(optional.orElse(null));
        }
        if (v instanceof Map<?, ?> map) {
            return object(map);
        }
        if (v instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            for (Iterator<?> it = items.iterator(); it.hasNext(); ) {
                copy.add(value(it.next()));
            }
            return Collections.unmodifiableList(copy);
        }
        if (v instanceof Object[] array) {
            return value(java.util.Arrays.asList(array));
        }
        return v.toString();
    }
}
