package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.system.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The golden vectors of docs/audit-format.md. They were computed independently with Python's
 * {@code json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)} and {@code hmac}; the test also
 * checks that the document still shows exactly these values.
 */
class GoldenVectorsTest {

    static final Secret SECRET = Secret.ofText("test-secret-0123456789-abcdefghijklmnopqrstuvwxyz");

    static final String KEY_ID = "fbfd08ba4962567e";
    static final String AUDIT_KEY = "945a661cff11f3562003a0a8936e474cb127432c46d617953e4c96d4f6e1489d";

    static final String ROW_1_CANONICAL = "{\"action\":\"auth.login\",\"actor_id\":\"11111111-2222-3333-4444-555555555555\","
            + "\"actor_type\":\"user\",\"id\":\"0190f1a2-0000-7000-8000-000000000001\",\"key_id\":\"fbfd08ba4962567e\","
            + "\"metadata\":{\"a\":{\"b\":1,\"y\":\"é\\n\\\"\"},\"session_id\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\","
            + "\"z\":[1,2.5,true,null]},\"occurred_at\":\"2026-06-01T12:30:45.123456Z\",\"prev_row_hmac\":"
            + "\"0000000000000000000000000000000000000000000000000000000000000000\",\"project_id\":null,"
            + "\"result\":\"success\",\"seq\":1,\"source_ip\":\"203.0.113.7\",\"target_id\":"
            + "\"11111111-2222-3333-4444-555555555555\",\"target_type\":\"user\",\"user_agent\":\"Mozilla/5.0\",\"v\":1}";
    static final String ROW_1_HMAC = "8e99229bbbe39e94fccd6bade1e572ba9af68377096fe183e1f9599ba4cc5a27";

    static final String ROW_2_CANONICAL = "{\"action\":\"task.retry\",\"actor_id\":\"99999999-8888-7777-6666-555555555555\","
            + "\"actor_type\":\"agent\",\"id\":\"0190f1a2-0000-7000-8000-000000000002\",\"key_id\":\"fbfd08ba4962567e\","
            + "\"metadata\":{\"ctl\":\"\\u0001\\t\u007f\\b\\f\\r/\",\"reason\":\"invalid_token\",\"z\":\"\u2028\","
            + "\"\uff5e\":\"fullwidth tilde\",\"\ud83d\ude00\":\"emoji key\"},"
            + "\"occurred_at\":\"2026-06-01T12:30:46.000000Z\",\"prev_row_hmac\":"
            + "\"8e99229bbbe39e94fccd6bade1e572ba9af68377096fe183e1f9599ba4cc5a27\",\"project_id\":"
            + "\"12345678-1234-5678-1234-567812345678\",\"result\":\"failed\",\"seq\":2,\"source_ip\":\"198.51.100.9\","
            + "\"target_id\":\"celery-task-42\",\"target_type\":\"task\",\"user_agent\":null,\"v\":1}";
    static final String ROW_2_HMAC = "a392b2905a481cf1bb3b20221ec225ee921509c466ad1b8e10f92ad0d4495866";

    static AuditRow row1() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("y", "é\n\"");
        a.put("b", 1L);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("session_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        metadata.put("z", java.util.Arrays.asList(1L, 2.5, true, null));
        metadata.put("a", a);
        return new AuditRow(1, UUID.fromString("0190f1a2-0000-7000-8000-000000000001"),
                Instant.parse("2026-06-01T12:30:45.123456Z"), "user",
                Optional.of("11111111-2222-3333-4444-555555555555"), Optional.empty(), "auth.login", "user",
                Optional.of("11111111-2222-3333-4444-555555555555"), "success", Optional.of("203.0.113.7"),
                Optional.of("Mozilla/5.0"), CanonicalJson.write(metadata), KEY_ID, AuditChain.GENESIS, ROW_1_HMAC);
    }

    static AuditRow row2() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("reason", "invalid_token");
        metadata.put("ctl", "\u0001\t\u007f\b\f\r/");
        metadata.put("\ud83d\ude00", "emoji key");
        metadata.put("\uff5e", "fullwidth tilde");
        metadata.put("z", "\u2028");
        return new AuditRow(2, UUID.fromString("0190f1a2-0000-7000-8000-000000000002"),
                Instant.parse("2026-06-01T12:30:46Z"), "agent", Optional.of("99999999-8888-7777-6666-555555555555"),
                Optional.of(UUID.fromString("12345678-1234-5678-1234-567812345678")), "task.retry", "task",
                Optional.of("celery-task-42"), "failed", Optional.of("198.51.100.9"), Optional.empty(),
                CanonicalJson.write(metadata), KEY_ID, ROW_1_HMAC, ROW_2_HMAC);
    }

    @Test
    void the_key_id_and_the_audit_key_are_derived_as_documented() {
        assertThat(SECRET.keyId()).isEqualTo(KEY_ID);
        assertThat(HexFormat.of().formatHex(AuditKeys.derive(SECRET))).isEqualTo(AUDIT_KEY);
    }

    @Test
    void row_1_has_the_documented_canonical_bytes_and_hmac() {
        assertThat(new String(CanonicalRow.bytes(row1()), StandardCharsets.UTF_8)).isEqualTo(ROW_1_CANONICAL);
        assertThat(sign(row1())).isEqualTo(ROW_1_HMAC);
    }

    @Test
    void row_2_escapes_controls_keeps_unicode_raw_and_sorts_keys_by_code_point() {
        assertThat(new String(CanonicalRow.bytes(row2()), StandardCharsets.UTF_8)).isEqualTo(ROW_2_CANONICAL);
        assertThat(sign(row2())).isEqualTo(ROW_2_HMAC);
    }

    @Test
    void the_canonical_bytes_are_utf8() {
        assertThat(CanonicalRow.bytes(row2())).isEqualTo(ROW_2_CANONICAL.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_two_vector_rows_form_a_chain_that_verifies() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        log.append(row1());
        log.append(row2());
        ChainWalk walk = new ChainWalk(new AuditKeys(List.of(SECRET)), new ChainWalk.Genesis());
        log.walk(1, walk);
        assertThat(walk.report(Instant.EPOCH, List.of()).summary()).isEqualTo("OK (walked 2 rows, chain intact)");
    }

    @Test
    void docs_audit_format_shows_exactly_these_vectors() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "audit-format.md"), StandardCharsets.UTF_8);
        assertThat(doc).contains(KEY_ID, AUDIT_KEY, ROW_1_HMAC, ROW_2_HMAC, ROW_1_CANONICAL);
        assertThat(doc.replace("\n", ""))
                .contains(HexFormat.of().formatHex(ROW_2_CANONICAL.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sign(AuditRow row) {
        return new AuditKeys(List.of(SECRET)).sign(KEY_ID, CanonicalRow.bytes(row)).orElseThrow();
    }

    @Test
    void the_canonical_form_of_a_row_is_a_fixed_point() {
        assertThat(CanonicalJson.write(CanonicalJson.parse(ROW_2_CANONICAL))).isEqualTo(ROW_2_CANONICAL);
    }
}
