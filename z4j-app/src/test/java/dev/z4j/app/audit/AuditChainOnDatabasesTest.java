package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The domain's chain on the real stores: what is signed is what each database gives back. */
class AuditChainOnDatabasesTest {

    static final Secret SECRET = Secret.ofText("an-audit-secret-of-at-least-32-bytes-0123456789");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("sqlite", (Supplier<Database>) TestDatabases::sqlite),
                Arguments.of("postgresql", (Supplier<Database>) TestDatabases::postgres));
    }

    static AuditChain chain(Database database) {
        return new AuditChain(new JdbcAuditLog(database), database, SecretKeys.of(SECRET, List.of()), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rows_with_awkward_metadata_verify_after_the_round_trip(String name, Supplier<Database> open) {
        try (Database database = open.get()) {
            AuditChain chain = chain(database);
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("decimals", Arrays.asList(2.5, 1.0, 1e-7, 1e21, new BigDecimal("1.50"), -0.0));
            nested.put("big", new java.math.BigInteger("123456789012345678901234567890"));
            nested.put("text", "é\n\"\\\u0001\u007f\u2028😀");
            nested.put("\uff5e", null);
            nested.put("😀", List.of());
            for (int i = 0; i < 20; i++) {
                chain.record(AuditEntry.of(Actor.agent(UUID.randomUUID()), "task.retry", "task", "t-" + i)
                        .withProject(UUID.randomUUID()).withRequest("2001:db8::" + i, "agent/1 ☃")
                        .withMetadata(Map.of("n", i, "nested", nested, "long key with spaces", Map.of())));
            }
            assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                    .isEqualTo("OK (walked 20 rows, chain intact)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_change_and_its_audit_row_commit_or_roll_back_together(String name, Supplier<Database> open) {
        try (Database database = open.get()) {
            AuditChain chain = chain(database);
            chain.record(AuditEntry.of(Actor.system(), "first", "x", null));
            assertThatThrownBy(() -> database.inTransaction(() -> {
                database.write(h -> h.execute("INSERT INTO z4j_meta (key, value, updated_at) VALUES ('k', 'v', "
                        + (name.equals("sqlite") ? "'2026-01-01 00:00:00.000000'" : "now()") + ")"));
                chain.record(AuditEntry.of(Actor.system(), "second", "x", null));
                throw new IllegalStateException("the change failed");
            })).hasMessage("the change failed");
            AuditRecord third = chain.record(AuditEntry.of(Actor.system(), "third", "x", null));
            assertThat(third.seq()).isEqualTo(2);
            long changes = database.read(h -> h.createQuery("SELECT COUNT(*) FROM z4j_meta WHERE key = 'k'")
                    .mapTo(Long.class).one());
            assertThat(changes).isZero();
            assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                    .isEqualTo("OK (walked 2 rows, chain intact)");
        }
    }
}
