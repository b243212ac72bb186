package dev.z4j.adapter.ws.agents.protocol;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the upstream agent's Python reads and signs it.
 *
 * <p>{@link #parse} yields {@code Map<String, Object>} (insertion order, a repeated key keeps its last value),
 * {@code List<Object>}, {@code String}, {@code Boolean}, {@code null}, and numbers with Python's types: a literal
 * without {@code .}, {@code e} or {@code E} is an int ({@code Long}, or {@code BigInteger} when it does not fit), any
 * other is a float ({@code Double}). So {@code 1.0} stays a float and prints {@code 1.0} again.
 *
 * <p>{@link #canonical} is {@code json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
 * allow_nan=False).encode("utf-8")}: keys sorted by code point at every level, no whitespace, non-ASCII raw,
 * floats as {@code repr}.
 *
 * <p>Refused although Python would read them: NaN and the infinities (Python could not sign them either), unpaired
 * surrogate escapes (not encodable as UTF-8), a byte order mark, and nesting deeper than {@value #MAX_DEPTH}.
 */
public final class PythonJson {

    static final int MAX_DEPTH = 512;
    /** CPython 3.11 refuses to convert longer int literals ({@code sys.get_int_max_str_digits()}). */
    static final int MAX_INT_DIGITS = 4300;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Comparator<String> CODE_POINT_ORDER = PythonJson::compareCodePoints;

    private PythonJson() {
    }

    /** @throws ProtocolException ({@link CloseCode#BAD_FRAME}) when the bytes are not one UTF-8 JSON value */
    public static Object parse(byte[] utf8) {
        return parse(decodeUtf8(utf8));
    }

    /** @throws ProtocolException ({@link CloseCode#BAD_FRAME}) when the text is not one JSON value */
    public static Object parse(String text) {
        Reader reader = new Reader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw reader.error("extra data after the JSON value");
        }
        return value;
    }

    /** The canonical UTF-8 bytes of a value built from the types {@link #parse} returns (or ints, floats, lists). */
    public static byte[] canonical(Object value) {
        ByteSink out = new ByteSink();
        write(value, out);
        return out.toByteArray();
    }

    /** Python's {@code str} order: by code point, which differs from UTF-16 order above the BMP. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    /** Surrogates (U+D800..DFFF) encode code points above U+FFFF, so they must sort after U+E000..FFFF. */
    private static int codePointRank(char c) {
        if (c >= 0xD800) {
            return c >= 0xE000 ? c - 0x800 : c + 0x2000;
        }
        return c;
    }

    private static String decodeUtf8(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw ProtocolException.badFrame("frame starts with a byte order mark");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProtocolException.badFrame("frame is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, ByteSink out) {
        if (value == null) {
            out.writeBytes(NULL);
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.writeBytes(b ? TRUE : FALSE);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.writeAscii(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            out.writeAscii(FloatRepr.of(((Number) value).doubleValue()));
        } else if (value instanceof Map<?, ?> map) {
            writeObject((Map<String, Object>) map, out);
        } else if (value instanceof Collection<?> list) {
            out.write('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(item, out);
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeObject(Map<String, Object> map, ByteSink out) {
        String[] keys = new String[map.size()];
        int i = 0;
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("JSON object keys must be strings");
            }
            keys[i++] = s;
        }
        Arrays.sort(keys, CODE_POINT_ORDER);
        out.write('{');
        for (i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeString(keys[i], out);
            out.write(':');
            write(map.get(keys[i]), out);
        }
        out.write('}');
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Python's ensure_ascii=False escaping: only {@code "}, {@code \}, and the C0 controls. */
    private static void writeString(String s, ByteSink out) {
        out.write('"');
        int runStart = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            writeUtf8(s, runStart, i, out);
            runStart = i + 1;
            out.write('\\');
            switch (c) {
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case '\n' -> out.write('n');
                case '\r' -> out.write('r');
                case '\t' -> out.write('t');
                case '\b' -> out.write('b');
                case '\f' -> out.write('f');
                default -> {
                    out.write('u');
                    out.write('0');
                    out.write('0');
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                }
            }
        }
        writeUtf8(s, runStart, n, out);
        out.write('"');
    }

    private static void writeUtf8(String s, int from, int to, ByteSink out) {
        if (from == to) {
            return;
        }
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            out.writeAscii(from == 0 && to == s.length() ? s : s.substring(from, to));
            return;
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s, from, to));
            out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string holds an unpaired surrogate, which UTF-8 cannot encode");
        }
    }

    /** A growable byte array without ByteArrayOutputStream's per-byte locking. */
    private static final class ByteSink {
        private byte[] bytes = new byte[512];
        private int size;

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] source, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        void writeBytes(byte[] source) {
            write(source, 0, source.length);
        }

        void writeAscii(String s) {
            int n = s.length();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            for (int i = 0; i < n; i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** A recursive-descent reader with Python's json module grammar (strict: no control characters in strings). */
    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        ProtocolException error(String what) {
            return ProtocolException.badFrame("malformed JSON: " + what + " at character " + position);
        }

        void skipWhitespace() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                position++;
            }
        }

        Object value(int depth) {
            if (position >= text.length()) {
                throw error("expected a value");
            }
            char c = text.charAt(position);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                case 'N':
                case 'I':
                    throw error("NaN and Infinity are not accepted");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("expected a value");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, position)) {
                throw error("expected a value");
            }
            position += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            position++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return map;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a property name in double quotes");
                }
                String key = string();
                skipWhitespace();
                if (peek() != ':') {
                    throw error("expected ':'");
                }
                position++;
                skipWhitespace();
                map.put(key, value(depth));
                skipWhitespace();
                char c = peek();
                position++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    position--;
                    throw error("expected ',' or '}'");
                }
                skipWhitespace();
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            position++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return list;
            }
            while (true) {
                list.add(value(depth));
                skipWhitespace();
                char c = peek();
                position++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    position--;
                    throw error("expected ',' or ']'");
                }
                skipWhitespace();
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private String string() {
            int start = ++position;
            int n = text.length();
            while (position < n) {
                char c = text.charAt(position);
                if (c == '"') {
                    return checkedText(text.substring(start, position++));
                }
                if (c == '\\') {
                    return escapedString(start);
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                position++;
            }
            throw error("unterminated string");
        }

        private String escapedString(int start) {
            StringBuilder out = new StringBuilder(position - start + 16).append(text, start, position);
            int n = text.length();
            while (position < n) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return checkedText(out.toString());
                }
                if (c < 0x20) {
                    position--;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= n) {
                    break;
                }
                char e = text.charAt(position++);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hexChar());
                    default -> {
                        position--;
                        throw error("invalid escape");
                    }
                }
            }
            throw error("unterminated string");
        }

        private char hexChar() {
            if (position + 4 > text.length()) {
                throw error("invalid \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(position + i), 16);
                if (digit < 0) {
                    throw error("invalid \\u escape");
                }
                value = value * 16 + digit;
            }
            position += 4;
            return (char) value;
        }

        /** Escapes may leave a surrogate unpaired; Python keeps it but could not encode it when signing. */
        private String checkedText(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw error("unpaired surrogate in a string");
                }
            }
            return s;
        }

        private Object number() {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            if (peek() == '0') {
                position++;
            } else if (isDigit(peek())) {
                skipDigits();
            } else {
                throw error("expected a value");
            }
            boolean isFloat = false;
            if (peek() == '.' && position + 1 < text.length() && isDigit(text.charAt(position + 1))) {
                isFloat = true;
                position++;
                skipDigits();
            }
            if ((peek() == 'e' || peek() == 'E')) {
                int mark = position;
                position++;
                if (peek() == '+' || peek() == '-') {
                    position++;
                }
                if (isDigit(peek())) {
                    isFloat = true;
                    skipDigits();
                } else {
                    position = mark;
                }
            }
            String literal = text.substring(start, position);
            if (isFloat) {
                double value = Double.parseDouble(literal);
                if (Double.isInfinite(value)) {
                    throw error("number out of the float range");
                }
                return value;
            }
            int digits = literal.length() - (literal.charAt(0) == '-' ? 1 : 0);
            if (digits > MAX_INT_DIGITS) {
                throw error("integer longer than " + MAX_INT_DIGITS + " digits");
            }
            if (digits <= 18) {
                return Long.parseLong(literal);
            }
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private void skipDigits() {
            while (isDigit(peek())) {
                position++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
