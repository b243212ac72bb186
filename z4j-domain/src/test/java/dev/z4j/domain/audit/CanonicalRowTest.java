package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The row writer encodes UTF-8 and JSON escapes by hand, byte by byte; whatever the text, its bytes must be what the
 * documented route gives: the JSON string as {@link CanonicalJson} writes it, encoded by the JDK.
 */
class CanonicalRowTest {

    private static final char[] AWKWARD = {0, 1, 8, 9, 10, 12, 13, 0x1f, ' ', '"', '\\', '/', 0x7f, 0x80, 0xe9, 0x7ff,
        0x800, 0x2028, 0xfffd, 0xffff, '\ud83d', '\ude00', 'a', 'Z'};

    @Test
    void every_string_column_is_the_jdk_encoding_of_its_canonical_json_text() {
        Random random = new Random(20261129);
        for (int round = 0; round < 5_000; round++) {
            String value = randomText(random);
            AuditRow row = row(value, round);
            String expected = "{\"action\":" + json(value) + ",\"actor_id\":" + json(value) + ",\"actor_type\":"
                    + json("user") + ",\"id\":\"" + row.id() + "\",\"key_id\":\"k\",\"metadata\":"
                    + row.metadataJson() + ",\"occurred_at\":\"2026-06-01T12:30:45.123456Z\",\"prev_row_hmac\":"
                    + json(value) + ",\"project_id\":null,\"result\":\"ok\",\"seq\":" + row.seq()
                    + ",\"source_ip\":null,\"target_id\":" + json(value) + ",\"target_type\":\"t\",\"user_agent\":"
                    + json(value) + ",\"v\":1}";
            assertThat(CanonicalRow.bytes(row)).as("text %s", value.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_row_read_as_its_stored_bytes_gives_the_bytes_of_the_decoded_row() {
        Random random = new Random(20261130);
        CanonicalRow fromStored = new CanonicalRow();
        for (int round = 0; round < 5_000; round++) {
            String value = randomText(random);
            AuditRow row = row(value, round);
            if (random.nextBoolean()) {
                row = new AuditRow(row.seq(), row.id(), row.occurredAt(), row.actorType(), Optional.empty(),
                        Optional.of(UUID.randomUUID()), row.action(), row.targetType(), Optional.empty(), row.result(),
                        Optional.of("203.0.113.7"), Optional.empty(), "{\"a\": [1, 2.5, \"x\"], \"b\": null}",
                        row.keyId(), row.prevRowHmac(), row.rowHmac());
            }
            assertThat(fromStored.write(InMemoryAuditReader.stored(row))).isTrue();
            assertThat(Arrays.copyOf(fromStored.buffer(), fromStored.size()))
                    .as("text %s", value.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(CanonicalRow.bytes(row));
        }
    }

    @Test
    void a_stored_row_without_a_required_value_or_with_metadata_that_is_no_object_is_left_to_the_decoded_walk() {
        AuditRow row = row("v", 1);
        AuditRow notAnObject = new AuditRow(1, row.id(), row.occurredAt(), "user", Optional.empty(), Optional.empty(),
                "a", "t", Optional.empty(), "ok", Optional.empty(), Optional.empty(), "[1]", "k", "p", "h");
        assertThat(new CanonicalRow().write(InMemoryAuditReader.stored(notAnObject))).isFalse();
        AuditRow finerThanMicros = new AuditRow(1, row.id(), row.occurredAt().plusNanos(1), "user", Optional.empty(),
                Optional.empty(), "a", "t", Optional.empty(), "ok", Optional.empty(), Optional.empty(), "{}", "k",
                "p", "h");
        assertThat(new CanonicalRow().write(InMemoryAuditReader.stored(finerThanMicros))).isFalse();
    }

    @Test
    void timestamps_keep_six_digits_nine_when_finer_and_four_year_digits() {
        assertThat(CanonicalRow.timestamp(Instant.parse("2026-06-01T12:30:45Z")))
                .isEqualTo("2026-06-01T12:30:45.000000Z");
        assertThat(CanonicalRow.timestamp(Instant.parse("2026-06-01T12:30:45.000000789Z")))
                .isEqualTo("2026-06-01T12:30:45.000000789Z");
        assertThat(CanonicalRow.timestamp(Instant.parse("0042-01-02T03:04:05.000006Z")))
                .isEqualTo("0042-01-02T03:04:05.000006Z");
        assertThat(CanonicalRow.timestamp(Instant.parse("+12026-06-01T00:00:00Z"))).startsWith("12026-06-01T");
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? AWKWARD[random.nextInt(AWKWARD.length)]
                    : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    private static String json(String value) {
        StringBuilder b = new StringBuilder();
        CanonicalJson.string(b, value);
        return b.toString();
    }

    private static AuditRow row(String value, long seq) {
        return new AuditRow(seq + 1, UUID.randomUUID(), Instant.parse("2026-06-01T12:30:45.123456Z"), "user",
                Optional.of(value), Optional.empty(), value, "t", Optional.of(value), "ok", Optional.empty(),
                Optional.of(value), CanonicalJson.write(Map.of("note", value)), "k", value, "h");
    }
}
