package dev.z4j.adapter.http.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress(List.of(ClientAddress.Cidr.parse("10.0.0.0/8"),
            ClientAddress.Cidr.parse("::1")));

    @Test
    void without_trusted_proxies_forwarded_for_is_ignored() {
        assertThat(new ClientAddress(List.of()).resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void an_untrusted_peer_cannot_spoof_its_address() {
        assertThat(behindProxy.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void a_trusted_peer_is_walked_right_to_left_to_the_first_untrusted_hop() {
        assertThat(behindProxy.resolve("10.1.2.3", "198.51.100.1, 203.0.113.7, 10.9.9.9")).isEqualTo("203.0.113.7");
    }

    @Test
    void when_every_hop_is_trusted_the_leftmost_wins() {
        assertThat(behindProxy.resolve("10.1.2.3", "10.0.0.1, 10.0.0.2")).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6_zone_ids_are_stripped() {
        assertThat(behindProxy.resolve("0:0:0:0:0:0:0:1%lo", "fe80::1%eth0")).isEqualTo("fe80::1");
    }

    @Test
    void an_invalid_network_is_refused_with_its_text() {
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/40")).hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("proxy.internal")).hasMessageContaining("proxy.internal");
    }
}
