package dev.z4j.adapter.ws.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0|1.0", "1e16|1e+16", "1E16|1e+16", "1e-05|1e-05", "0.00001|1e-05", "0.0001|0.0001", "-0.0|-0.0",
            "-0|0", "1.5e16|1.5e+16", "1e15|1000000000000000.0", "2.50|2.5", "123456789012345678.0|1.2345678901234568e+17",
            "12345678901234567890123|12345678901234567890123", "-9223372036854775809|-9223372036854775809",
            "0.1|0.1", "1e22|1e+22", "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308"})
    void numbers_keep_their_python_type_and_print_as_python_does(String literal, String printed) {
        assertThat(canonical(literal)).isEqualTo(printed);
    }

    @Test
    void ints_are_longs_or_big_integers_and_floats_are_doubles() {
        assertThat(PythonJson.parse("7")).isEqualTo(7L);
        assertThat(PythonJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(PythonJson.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(PythonJson.parse("7.0")).isEqualTo(7.0d);
        assertThat(PythonJson.parse("7e0")).isEqualTo(7.0d);
    }

    @Test
    void keys_sort_by_code_point_not_by_utf16_unit() {
        // U+1F600 (a surrogate pair in UTF-16) sorts after U+FFFF and U+E000 in Python, before them in String order.
        String json = "{\"\\ud83d\\ude00\":1,\"\\uffff\":2,\"\\ue000\":3,\"a\":4}";
        assertThat(canonical(json)).isEqualTo("{\"a\":4,\"\ue000\":3,\"\uffff\":2,\"\ud83d\ude00\":1}");
        assertThat("\ud83d\ude00".compareTo("\uffff")).isNegative();
        assertThat(PythonJson.compareCodePoints("\ud83d\ude00", "\uffff")).isPositive();
    }

    @Test
    void strings_escape_only_what_python_escapes_with_lowercase_hex() {
        String json = "\"\\u0000\\u001F\\u007f/\\/\\u2028\\u2029é\\\"\\\\\\b\\f\\n\\r\\t\"";
        assertThat(canonical(json)).isEqualTo("\"\\u0000\\u001f\u007f//\u2028\u2029é\\\"\\\\\\b\\f\\n\\r\\t\"");
    }

    @Test
    void non_ascii_is_written_as_raw_utf8() {
        byte[] bytes = PythonJson.canonical(Map.of("k", "☃😀"));
        assertThat(bytes).isEqualTo("{\"k\":\"☃😀\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_repeated_key_keeps_its_last_value_as_python_does() {
        assertThat(canonical("{\"a\":1,\"b\":0,\"a\":2}")).isEqualTo("{\"a\":2,\"b\":0}");
    }

    @Test
    void whitespace_and_nesting_disappear_arrays_keep_their_order() {
        assertThat(canonical(" { \"z\" : [ 3 , 1 , {\"y\":true,\"x\":false} ] ,\n\t\"a\":null } "))
                .isEqualTo("{\"a\":null,\"z\":[3,1,{\"x\":false,\"y\":true}]}");
    }

    @Test
    void java_values_canonicalise_like_python_values() {
        assertThat(new String(PythonJson.canonical(Map.of("i", 3, "f", 2.0f, "l", List.of(1L, true))), StandardCharsets.UTF_8))
                .isEqualTo("{\"f\":2.0,\"i\":3,\"l\":[1,true]}");
        assertThatThrownBy(() -> PythonJson.canonical(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PythonJson.canonical(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "1e", "-", "+1", "NaN", "Infinity", "-Infinity",
            "1e400", "tru", "nul", "'a'", "\"a", "\"\\x41\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
            "{\"a\" 1}", "{1:2}", "[1 2]", "1 2", "\"tab\there\""})
    void malformed_or_unsignable_json_is_a_bad_frame(String text) {
        assertThatThrownBy(() -> PythonJson.parse(text))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_FRAME));
    }

    @Test
    void raw_control_characters_in_strings_are_refused_as_python_strict_mode_does() {
        assertThatThrownBy(() -> PythonJson.parse("\"a\u0001b\"")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void invalid_utf8_and_a_byte_order_mark_are_refused() {
        assertThatThrownBy(() -> PythonJson.parse(new byte[] {'"', (byte) 0xC3, '"'})).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PythonJson.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'}))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void ints_longer_than_python_converts_and_nesting_deeper_than_the_limit_are_refused() {
        assertThat(PythonJson.parse("9".repeat(PythonJson.MAX_INT_DIGITS))).isInstanceOf(BigInteger.class);
        assertThatThrownBy(() -> PythonJson.parse("9".repeat(PythonJson.MAX_INT_DIGITS + 1))).isInstanceOf(ProtocolException.class);
        String deep = "[".repeat(PythonJson.MAX_DEPTH + 1) + "]".repeat(PythonJson.MAX_DEPTH + 1);
        assertThatThrownBy(() -> PythonJson.parse(deep)).isInstanceOf(ProtocolException.class);
        String deepest = "[".repeat(PythonJson.MAX_DEPTH) + "]".repeat(PythonJson.MAX_DEPTH);
        assertThat(PythonJson.parse(deepest)).isInstanceOf(List.class);
    }

    private static String canonical(String json) {
        return new String(PythonJson.canonical(PythonJson.parse(json)), StandardCharsets.UTF_8);
    }
}
