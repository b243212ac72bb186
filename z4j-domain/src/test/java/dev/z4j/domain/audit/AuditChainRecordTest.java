package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainRecordTest {

    final InMemoryAuditLog log = new InMemoryAuditLog();
    final CountingTransactions transactions = new CountingTransactions();
    final AuditChain chain = new AuditChain(log, transactions, SecretKeys.of(GoldenVectorsTest.SECRET, java.util.List.of()),
            Clock.fixed(Instant.parse("2026-04-23T14:22:05.123456789Z"), ZoneOffset.UTC));

    @Test
    void rows_are_numbered_from_one_and_each_links_to_the_previous() {
        AuditRecord first = chain.record(AuditEntry.of(Actor.system(), "system.started", "system", null));
        AuditRecord second = chain.record(AuditEntry.of(Actor.cli("ops"), "system.backup", "database", "z4j.db"));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevRowHmac()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevRowHmac()).isEqualTo(first.rowHmac());
        assertThat(first.rowHmac()).matches("[0-9a-f]{64}");
        assertThat(first.keyId()).isEqualTo(GoldenVectorsTest.KEY_ID);
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-04-23T14:22:05.123456Z"));
    }

    @Test
    void a_row_is_signed_over_its_canonical_bytes() {
        AuditRecord r = chain.record(AuditEntry.of(Actor.agent(UUID.randomUUID()), "task.retry", "task", "t-1")
                .withMetadata(Map.of("attempt", 2)));
        AuditRow stored = log.row(r.seq());
        assertThat(new AuditKeys(java.util.List.of(GoldenVectorsTest.SECRET))
                .sign(stored.keyId(), CanonicalRow.bytes(stored))).contains(r.rowHmac());
        assertThat(stored.metadataJson()).isEqualTo("{\"attempt\":2}");
        assertThat(stored.actorType()).isEqualTo("agent");
    }

    @Test
    void recording_joins_the_callers_transaction() {
        transactions.inTransaction(() -> {
            chain.record(AuditEntry.of(Actor.system(), "a.one", "x", null));
            chain.record(AuditEntry.of(Actor.system(), "a.two", "x", null));
        });
        assertThat(transactions.opened).isEqualTo(1);
    }

    @Test
    void text_is_made_storable_before_it_is_signed() {
        AuditRecord r = chain.record(new AuditEntry(Actor.cli("op\u0000s"), Optional.empty(), "a".repeat(100), "t",
                Optional.of("x\ud800y"), "success", Optional.empty(), Optional.of("u".repeat(2000)),
                Map.of("k\u0000", "v\udc00")));
        AuditRow stored = log.row(r.seq());
        assertThat(stored.actorId()).contains("op\ufffds");
        assertThat(stored.action()).hasSize(80);
        assertThat(stored.targetId()).contains("x\ufffdy");
        assertThat(stored.userAgent().orElseThrow()).hasSize(1024);
        assertThat(stored.metadataJson()).isEqualTo("{\"k\ufffd\":\"v\ufffd\"}");
        assertThat(r.entry().metadata()).containsEntry("k\ufffd", "v\ufffd");
    }

    @Test
    void metadata_refuses_numbers_json_cannot_hold_and_stores_other_objects_as_text() {
        assertThatThrownBy(() -> AuditEntry.of(Actor.system(), "a", "b", null).withMetadata(Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        UUID id = UUID.fromString("12345678-1234-5678-1234-567812345678");
        AuditRecord r = chain.record(AuditEntry.of(Actor.system(), "a", "b", null)
                .withMetadata(Map.of("id", id, "none", Optional.empty())));
        assertThat(log.row(r.seq()).metadataJson())
                .isEqualTo("{\"id\":\"12345678-1234-5678-1234-567812345678\",\"none\":null}");
    }

    @Test
    void a_fresh_chain_verifies_and_the_result_is_remembered() {
        for (int i = 0; i < 10; i++) {
            chain.record(AuditEntry.of(Actor.system(), "a.b", "x", Integer.toString(i)));
        }
        assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                .isEqualTo("OK (walked 10 rows, chain intact)");
        assertThat(chain.lastVerification()).hasValueSatisfying(s -> assertThat(s.intact()).isTrue());
    }
}
