package dev.z4j.adapter.ws.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void reads_the_token_as_upstream_does() {
        assertThat(BearerToken.from("Bearer abc")).contains("abc");
        assertThat(BearerToken.from("  bearer \t abc  ")).contains("abc");
        assertThat(BearerToken.from("BEARER abc def")).contains("abc def");
    }

    @Test
    void anything_else_is_no_token() {
        assertThat(BearerToken.from(null)).isEmpty();
        assertThat(BearerToken.from("")).isEmpty();
        assertThat(BearerToken.from("Bearer")).isEmpty();
        assertThat(BearerToken.from("Bearer   ")).isEmpty();
        assertThat(BearerToken.from("Basic abc")).isEmpty();
        assertThat(BearerToken.from("abc")).isEmpty();
    }
}
