package dev.z4j.domain.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameBasedUuidTest {

    /** {@code uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")} and a name with non-ASCII text, computed by CPython. */
    @Test
    void matches_pythons_uuid5() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(NameBasedUuid.v5(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(NameBasedUuid.v5(dns, "python.org").version()).isEqualTo(5);
        assertThat(NameBasedUuid.v5(dns, "python.org").variant()).isEqualTo(2);
        assertThat(NameBasedUuid.v5(UUID.fromString("c4d2c84e-2f0a-4b6c-9c5b-1d6f9a1e7c2a"), "é☃"))
                .hasToString("3d4cc608-bfae-52ea-8338-9233a8274159");
    }

    @Test
    void time_ordered_ids_are_deterministic_and_sort_by_time_as_unsigned_bytes() {
        UUID ns = UUID.randomUUID();
        UUID early = NameBasedUuid.timeOrdered(ns, "b", 1_700_000_000_000L);
        UUID late = NameBasedUuid.timeOrdered(ns, "a", 1_700_000_000_001L);

        assertThat(NameBasedUuid.timeOrdered(ns, "b", 1_700_000_000_000L)).isEqualTo(early);
        assertThat(early.version()).isEqualTo(8);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.toString()).startsWith("018bcfe5-6800-8").isLessThan(late.toString());
        assertThat(NameBasedUuid.firstAt(1_700_000_000_001L).toString()).isGreaterThan(early.toString())
                .isLessThanOrEqualTo(late.toString());
        assertThat(NameBasedUuid.timeOrdered(ns, "b", 1_700_000_000_000L).getLeastSignificantBits())
                .isEqualTo(NameBasedUuid.v5(ns, "b").getLeastSignificantBits());
    }
}
