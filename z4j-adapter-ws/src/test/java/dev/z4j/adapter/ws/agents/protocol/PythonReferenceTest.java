package dev.z4j.adapter.ws.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec against vectors produced by CPython 3.11 itself ({@code generate_python_vectors.py} next to the data):
 * float repr over every power of two and its neighbours, decimal boundaries and random bit patterns, and canonical
 * JSON of random documents with every escape, supplementary characters and number form.
 */
class PythonReferenceTest {

    @Test
    void float_repr_matches_python_for_every_reference_double() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String line : lines("float-repr.txt")) {
            String[] parts = line.split(" ", 2);
            double x = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            String actual = FloatRepr.of(x);
            if (!actual.equals(parts[1])) {
                mismatches.add(parts[1] + " printed as " + actual);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void canonical_json_matches_python_for_every_reference_document() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String line : lines("canonical-json.txt")) {
            String[] parts = line.split(" ");
            byte[] input = Base64.getDecoder().decode(parts[0]);
            byte[] expected = Base64.getDecoder().decode(parts[1]);
            byte[] actual = PythonJson.canonical(PythonJson.parse(input));
            if (!java.util.Arrays.equals(actual, expected)) {
                mismatches.add(new String(input, StandardCharsets.UTF_8) + "\n  expected "
                        + new String(expected, StandardCharsets.UTF_8) + "\n  got      "
                        + new String(actual, StandardCharsets.UTF_8));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(1000);
        assertThat(mismatches).isEmpty();
    }

    static List<String> lines(String resource) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = PythonReferenceTest.class.getResourceAsStream(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
