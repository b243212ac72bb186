package dev.z4j.adapter.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostValidationTest {

    private final HostValidation hosts = new HostValidation(Set.of("localhost", "z4j.example.com", "[::1]", "10.0.0.5"));

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:7700", "LOCALHOST:80", "z4j.example.com", "[::1]:7700", "[::1]",
            "10.0.0.5:7700"})
    void accepts_allowed_hosts_with_or_without_port(String header) {
        assertThat(hosts.accepts(header)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example.com", "z4j.example.com.evil.com", "", " ", "exa mple.com", "a/b",
            "localhost:port", "localhost:7700:1", "[::1", "[::1]x", "user@localhost", "localhost\u0000",
            "::1", "localhost:"})
    void refuses_unknown_or_malformed_hosts(String header) {
        assertThat(hosts.accepts(header)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"Localhost:7700,localhost", "[::1]:8080,[::1]", "10.0.0.5,10.0.0.5"})
    void host_part_is_lower_case_without_port(String header, String host) {
        assertThat(HostValidation.hostOf(header)).contains(host);
    }

    @org.junit.jupiter.api.Test
    void a_missing_host_header_passes_for_http_1_0() {
        assertThat(hosts.accepts(null)).isTrue();
    }
}
