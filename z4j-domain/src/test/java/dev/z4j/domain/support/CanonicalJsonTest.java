package dev.z4j.domain.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void strings_escape_only_quote_backslash_and_c0_controls_like_python() {
        assertThat(CanonicalJson.write("\"\\\n\r\t\b\f\u0000\u001f\u007f/é\u2028\ud83d\ude00"))
                .isEqualTo("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\u007f/é\u2028\ud83d\ude00\"");
    }

    @Test
    void keys_sort_by_code_point_at_every_level() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", 1L);
        inner.put("B", 2L);
        inner.put("\ud83d\ude00", 3L);
        inner.put("\uff5e", 4L);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("z", inner);
        outer.put("a", List.of(inner));
        assertThat(CanonicalJson.write(outer)).isEqualTo(
                "{\"a\":[{\"B\":2,\"b\":1,\"\uff5e\":4,\"\ud83d\ude00\":3}],\"z\":{\"B\":2,\"b\":1,\"\uff5e\":4,\"\ud83d\ude00\":3}}");
    }

    @Test
    void numbers_are_decimal_text_without_exponents() {
        assertThat(CanonicalJson.write(Arrays.asList(0L, -7L, 2.5, 1.0, 1e-7, 1e21, new BigDecimal("1.50"),
                new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890"), -0.0)))
                .isEqualTo("[0,-7,2.5,1.0,0.00000010,1000000000000000000000,1.50,1000,"
                        + "123456789012345678901234567890,0.0]");
    }

    @Test
    void parsing_then_writing_reaches_the_canonical_form_whatever_the_spacing_and_order() {
        String jsonbStyle = "{\"z\": [1, 2.50, true, null], \"a\": {\"y\": \"\\u00e9\\n\", \"b\": -0.00000010},"
                + " \"s\": \"\\/\\ud83d\\ude00\"}";
        assertThat(CanonicalJson.write(CanonicalJson.parse(jsonbStyle)))
                .isEqualTo("{\"a\":{\"b\":-0.00000010,\"y\":\"é\\n\"},\"s\":\"/\ud83d\ude00\",\"z\":[1,2.50,true,null]}");
    }

    @Test
    void the_parser_is_strict() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "[01]", "[1.]", "\"\u0001\"", "nul",
                "{} x", "{'a':1}", "[1e]", "\"\\x\"")) {
            assertThatThrownBy(() -> CanonicalJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void integers_parse_as_long_and_decimals_as_big_decimal() {
        assertThat(CanonicalJson.parse("[1,-2,1.0,99999999999999999999]")).isEqualTo(
                List.of(1L, -2L, new BigDecimal("1.0"), new BigInteger("99999999999999999999")));
    }

    @Test
    void the_canonical_check_only_accepts_what_parse_then_write_reproduces() {
        java.util.Random random = new java.util.Random(7);
        String[] atoms = {"0", "-1", "12", "01", "-0", "1.50", "-0.0", "0.00000010", "1e5", "1E+3", "true", "null",
                "\"a\"", "\"\\u0001\"", "\"\\u000a\"", "\"\\n\"", "\"\\u001F\"", "\"\\/\"", "\"é😀\"",
                "\"\u007f\"", "[]", "{}", " 1", "\"\\u0041\""};
        int accepted = 0;
        int refusedCanonical = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomJson(random, atoms, 0);
            boolean canonical;
            try {
                canonical = CanonicalJson.write(CanonicalJson.parse(text)).equals(text);
            } catch (IllegalArgumentException e) {
                canonical = false;
            }
            if (CanonicalJson.isCanonical(text)) {
                accepted++;
                assertThat(canonical).as(text).isTrue();
            } else if (canonical && !text.contains("\\n\":")) {
                refusedCanonical++;
            }
        }
        assertThat(accepted).isGreaterThan(2000);
        assertThat(refusedCanonical).as("canonical texts without an escaped key take the fast path").isZero();
    }

    private static String randomJson(java.util.Random random, String[] atoms, int depth) {
        int kind = depth > 2 ? 0 : random.nextInt(3);
        if (kind == 0) {
            return atoms[random.nextInt(atoms.length)];
        }
        StringBuilder b = new StringBuilder(kind == 1 ? "[" : "{");
        int n = random.nextInt(4);
        String[] keys = {"a", "b", "B", "é", "\uff5e", "\ud83d\ude00", "a\\n"};
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(random.nextInt(20) == 0 ? ", " : ",");
            }
            if (kind == 2) {
                b.append('"').append(keys[random.nextInt(keys.length)]).append("\":");
            }
            b.append(randomJson(random, atoms, depth + 1));
        }
        return b.append(kind == 1 ? "]" : "}").toString();
    }
}
