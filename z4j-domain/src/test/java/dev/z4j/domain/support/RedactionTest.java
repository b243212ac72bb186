package dev.z4j.domain.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void secret_keys_are_replaced_whole_at_any_depth_whatever_their_case_or_dashes() {
        Object clean = Redaction.value(Map.of("user", Map.of("Password", "p", "X-Api-Key", List.of("k"),
                "db_password", "x", "session-token", "t", "max_tokens", 5L, "name", "ok")));

        assertThat(clean).isEqualTo(Map.of("user", Map.of("Password", "[REDACTED]", "X-Api-Key", "[REDACTED]",
                "db_password", "[REDACTED]", "session-token", "[REDACTED]", "max_tokens", 5L, "name", "ok")));
    }

    @Test
    void secret_looking_values_are_replaced_inside_strings() {
        assertThat(Redaction.scrub("auth Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature here"))
                .isEqualTo("auth Bearer [REDACTED] here");
        assertThat(Redaction.scrub("amqp://guest:guest@rabbit:5672//")).isEqualTo("amqp://guest:[REDACTED]@rabbit:5672//");
        assertThat(Redaction.scrub("key AKIAIOSFODNN7EXAMPLE and sk_live_abcdefghij1234")).isEqualTo(
                "key [REDACTED] and [REDACTED]");
        assertThat(Redaction.scrub("mail jane.doe+x@mail.example.org now")).isEqualTo("mail [REDACTED] now");
        assertThat(Redaction.scrub("ssn 123-45-6789.")).isEqualTo("ssn [REDACTED].");
        assertThat(Redaction.scrub("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"))
                .isEqualTo("[REDACTED]");
        assertThat(Redaction.scrub("token z4j_agent_abcdefghijklmnopqrstuvwx")).isEqualTo("token [REDACTED]");
        assertThat(Redaction.scrub("ghp_" + "a".repeat(36))).isEqualTo("[REDACTED]");
    }

    @Test
    void ordinary_text_and_structural_names_pass_untouched() {
        String plain = "order 7f3c-11 shipped to zone B at 10:00, 3 items";
        assertThat(Redaction.scrub(plain)).isSameAs(plain);
        assertThat(Redaction.data(Map.of("worker", "celery@worker-1.example.com", "queue", "default")))
                .containsEntry("worker", "celery@worker-1.example.com");
    }

    @Test
    void long_strings_are_cut_on_a_character_boundary_with_the_number_of_bytes_dropped() {
        String cut = Redaction.cut("a".repeat(8191) + "🚀🚀");

        assertThat(cut).isEqualTo("a".repeat(8191) + "…[truncated 8 bytes]");
        assertThat(Redaction.cut("é".repeat(5000))).isEqualTo("é".repeat(4096) + "…[truncated 1808 bytes]");
    }

    @Test
    void a_value_too_large_becomes_a_marker_with_a_preview() {
        Object bounded = Redaction.bounded(List.of("x".repeat(100)), 64);

        assertThat(bounded).isInstanceOf(Map.class);
        Map<?, ?> marker = (Map<?, ?>) bounded;
        assertThat(marker.get(Redaction.TRUNCATED)).isEqualTo(true);
        assertThat(marker.get("original_bytes")).isEqualTo(104L);
        assertThat((String) marker.get("preview")).startsWith("[\"xxx");
        assertThat(Redaction.bounded(List.of(1L), 64)).isEqualTo(List.of(1L));
    }
}
