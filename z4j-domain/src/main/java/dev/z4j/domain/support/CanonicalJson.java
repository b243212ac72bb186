package dev.z4j.domain.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON of the audit chain (docs/audit-format.md): compact, object keys sorted by Unicode code point at
 * every level, strings escaped as Python's {@code json.dumps(ensure_ascii=False)} does, integers in decimal and
 * decimals as plain decimal text (never an exponent), so the bytes survive a round trip through PostgreSQL
 * {@code jsonb}. Hand-written on purpose: a general JSON library's defaults (escapes, number forms, key order) are
 * not a stable contract. Also a strict parser for the stored metadata and for checkpoint files.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Orders keys by code point, as Python sorts {@code str}; {@link String#compareTo} orders UTF-16 units. */
    public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    public static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            out.append(new BigDecimal(value.toString()).toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            keys.add((String) key);
        }
        keys.sort(CODE_POINT_ORDER);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys.get(i));
            out.append(':');
            append(out, map.get(keys.get(i)));
        }
        out.append('}');
    }

    /** Python's escaping with {@code ensure_ascii=False}: only quote, backslash and C0 controls are escaped. */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == n) {
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }

    /**
     * Whether {@code text} is exactly what {@link #write} produces for the value it denotes, checked in one pass
     * without building the value (the verify walk's fast path; anything unusual, such as an escaped key, says no and
     * takes the parse-and-write path).
     */
    public static boolean isCanonical(String text) {
        return new CanonicalCheck(text).wholeValue();
    }

    private static final class CanonicalCheck {
        private final String s;
        private int pos;

        CanonicalCheck(String s) {
            this.s = s;
        }

        boolean wholeValue() {
            return value() && pos == s.length();
        }

        private boolean value() {
            if (pos >= s.length()) {
                return false;
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string() >= 0;
                case 't' -> word("true");
                case 'f' -> word("false");
                case 'n' -> word("null");
                default -> number();
            };
        }

        private boolean word(String w) {
            if (!s.startsWith(w, pos)) {
                return false;
            }
            pos += w.length();
            return true;
        }

        private boolean object() {
            pos++;
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return true;
            }
            int previousKeyStart = -1;
            int previousKeyEnd = -1;
            while (true) {
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    return false;
                }
                int keyStart = pos + 1;
                if (string() != 0) {
                    return false;
                }
                int keyEnd = pos - 1;
                if (previousKeyStart >= 0 && compare(previousKeyStart, previousKeyEnd, keyStart, keyEnd) >= 0) {
                    return false;
                }
                previousKeyStart = keyStart;
                previousKeyEnd = keyEnd;
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    return false;
                }
                pos++;
                if (!value() || pos >= s.length()) {
                    return false;
                }
                char next = s.charAt(pos++);
                if (next == '}') {
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        private int compare(int aStart, int aEnd, int bStart, int bEnd) {
            int i = aStart;
            int j = bStart;
            while (i < aEnd && j < bEnd) {
                int ca = s.codePointAt(i);
                int cb = s.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(aEnd - i, bEnd - j);
        }

        private boolean array() {
            pos++;
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return true;
            }
            while (true) {
                if (!value() || pos >= s.length()) {
                    return false;
                }
                char next = s.charAt(pos++);
                if (next == ']') {
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /** Checks a string at {@code pos}; -1 when not canonical, 1 when it holds an escape, 0 otherwise. */
        private int string() {
            pos++;
            int escapes = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return escapes;
                }
                if (c < 0x20) {
                    return -1;
                }
                if (c == '\\') {
                    escapes = 1;
                    if (pos >= s.length()) {
                        return -1;
                    }
                    char e = s.charAt(pos++);
                    if (e == 'u') {
                        if (pos + 4 > s.length() || !s.startsWith("00", pos)) {
                            return -1;
                        }
                        int hi = HEX_DIGITS.indexOf(s.charAt(pos + 2));
                        int lo = HEX_DIGITS.indexOf(s.charAt(pos + 3));
                        int code = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
                        if (code < 0 || code >= 0x20 || code == '\n' || code == '\r' || code == '\t' || code == '\b'
                                || code == '\f') {
                            return -1;
                        }
                        pos += 4;
                    } else if ("\"\\nrtbf".indexOf(e) < 0) {
                        return -1;
                    }
                }
            }
            return -1;
        }

        private boolean number() {
            int start = pos;
            boolean negative = s.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            int intStart = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            int intDigits = pos - intStart;
            if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
                return false;
            }
            boolean allZero = intDigits == 1 && s.charAt(intStart) == '0';
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int fraction = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    allZero &= s.charAt(pos) == '0';
                    pos++;
                }
                if (pos == fraction) {
                    return false;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                return false;
            }
            return !(negative && allZero) && pos > start;
        }
    }

    private static final String HEX_DIGITS = "0123456789abcdef";

    /**
     * Parses one JSON value (RFC 8259, strict: no trailing text, no duplicate keys). Integers become {@code Long} (or
     * {@code BigInteger}), other numbers {@code BigDecimal}, objects unmodifiable maps.
     *
     * @throws IllegalArgumentException with the offset of the problem
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipWhitespace();
        Object value = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object() {
            pos++;
            Map<String, Object> map = new HashMap<>();
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                skipWhitespace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object v = value();
                if (map.containsKey(key)) {
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, v);
                skipWhitespace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return Collections.unmodifiableMap(map);
            }
        }

        private List<Object> array() {
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                skipWhitespace();
                list.add(value());
                skipWhitespace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return Collections.unmodifiableList(list);
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() {
            pos++;
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String plain = s.substring(start, pos);
                    pos++;
                    return out == null ? plain : out.append(plain).toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character in a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, start, pos);
                pos++;
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
                start = pos;
            }
        }

        private Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits || (s.charAt(digits) == '0' && pos - digits > 1)) {
                throw error("bad number");
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                int fraction = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == fraction) {
                    throw error("bad number");
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                int exponent = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == exponent) {
                    throw error("bad number");
                }
            }
            String token = s.substring(start, pos);
            if (!integral) {
                return new BigDecimal(token);
            }
            BigInteger big = new BigInteger(token);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
    }
}
