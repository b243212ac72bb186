package dev.z4j.domain.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes text storable and hashable the same way on both databases before it enters the chain: U+0000 (PostgreSQL
 * text and jsonb refuse it) and unpaired surrogates (not encodable as UTF-8) become U+FFFD, and columns are cut to
 * their documented length in code points (docs/audit-format.md).
 */
final class StoredText {

    static final int ACTION = 80;
    static final int TARGET_TYPE = 40;
    static final int TARGET_ID = 200;
    static final int ACTOR_ID = 200;
    static final int RESULT = 20;
    static final int SOURCE_IP = 64;
    static final int USER_AGENT = 1024;

    private StoredText() {
    }

    static String clean(String s, int maxCodePoints) {
        String cleaned = clean(s);
        if (cleaned.codePointCount(0, cleaned.length()) <= maxCodePoints) {
            return cleaned;
        }
        return cleaned.substring(0, cleaned.offsetByCodePoints(0, maxCodePoints));
    }

    static Optional<String> clean(Optional<String> s, int maxCodePoints) {
        return s.map(v -> clean(v, maxCodePoints));
    }

    static String clean(String s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean bad;
            if (c == 0) {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(n).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Cleans every string of a JSON value (keys included). */
    @SuppressWarnings("unchecked")
    static Object cleanJson(Object value) {
        if (value instanceof String s) {
            return clean(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(clean(k), cleanJson(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(cleanJson(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
