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
}
