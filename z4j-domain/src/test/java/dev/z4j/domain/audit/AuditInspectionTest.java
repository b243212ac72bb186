package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditInspection.InspectedRow;
import dev.z4j.ports.audit.AuditInspection.Verdict;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * {@code z4j audit show}: a row and its neighbours, each checked alone against the row before it; and Ctrl-C during
 * {@code z4j audit verify}.
 */
class AuditInspectionTest {

    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final AuditChain chain = new AuditChain(log, new CountingTransactions(),
            SecretKeys.of(GoldenVectorsTest.SECRET, List.of()), Clock.fixed(Instant.parse("2026-04-23T14:22:05Z"),
            ZoneOffset.UTC));

    private void rows(int n) {
        for (int i = 1; i <= n; i++) {
            chain.record(AuditEntry.of(Actor.cli("op"), "test.row" + i, "thing", "t" + i));
        }
    }

    @Test
    void an_untouched_row_and_its_neighbours_verify() {
        rows(9);
        List<InspectedRow> rows = chain.inspect(5, 2);
        assertThat(rows).extracting(InspectedRow::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(rows).extracting(InspectedRow::verdict).containsOnly(Verdict.VERIFIED);
        assertThat(rows.get(2).record().orElseThrow().entry().action()).isEqualTo("test.row5");
        assertThat(rows).allSatisfy(r -> assertThat(r.note()).isEmpty());
    }

    @Test
    void the_window_is_cut_at_both_ends_of_the_chain() {
        rows(3);
        assertThat(chain.inspect(1, 5)).extracting(InspectedRow::seq).containsExactly(1L, 2L, 3L);
        assertThat(chain.inspect(3, 0)).extracting(InspectedRow::seq).containsExactly(3L);
    }

    @Test
    void an_edited_row_is_broken_on_its_own_hmac_and_the_next_still_links_to_what_it_stores() {
        rows(6);
        AuditRow r = log.row(4);
        log.tamper(4, new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                "test.forged", r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac()));
        List<InspectedRow> rows = chain.inspect(4, 1);
        assertThat(rows).extracting(InspectedRow::verdict)
                .containsExactly(Verdict.VERIFIED, Verdict.BROKEN, Verdict.VERIFIED);
        assertThat(rows.get(1).chainBreak().orElseThrow().field()).isEqualTo("row_hmac");
        assertThat(rows.get(1).chainBreak().orElseThrow().got()).isEqualTo(r.rowHmac());
        assertThat(rows.get(1).record().orElseThrow().entry().action()).isEqualTo("test.forged");
    }

    @Test
    void a_deleted_row_shows_as_missing_and_the_row_after_it_as_broken_link() {
        rows(6);
        log.rows.remove(3L);
        List<InspectedRow> rows = chain.inspect(3, 1);
        assertThat(rows).extracting(InspectedRow::verdict)
                .containsExactly(Verdict.VERIFIED, Verdict.MISSING, Verdict.BROKEN);
        assertThat(rows.get(1).record()).isEmpty();
        InspectedRow after = rows.get(2);
        assertThat(after.chainBreak().orElseThrow().field()).isEqualTo("prev_hmac");
        assertThat(after.chainBreak().orElseThrow().expected()).isEqualTo(log.row(2).rowHmac());
    }

    @Test
    void a_row_whose_predecessor_is_gone_and_outside_the_window_is_checked_without_its_link_and_says_so() {
        rows(6);
        log.rows.remove(3L);
        InspectedRow row = chain.inspect(4, 0).get(0);
        assertThat(row.verdict()).isEqualTo(Verdict.VERIFIED);
        assertThat(row.note().orElseThrow()).startsWith("its link was not checked: row 3 is missing");
    }

    @Test
    void an_unreadable_row_is_broken_with_its_reason() {
        rows(3);
        log.tamper(2, new StoredRow.Unreadable(2, "?", "actor_type is NULL"));
        InspectedRow row = chain.inspect(2, 0).get(0);
        assertThat(row.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(row.chainBreak().orElseThrow().reason()).contains("actor_type is NULL");
        assertThat(row.record()).isEmpty();
    }

    @Test
    void a_row_signed_by_a_key_this_brain_does_not_hold_is_unverifiable() {
        AuditChain old = new AuditChain(log, new CountingTransactions(),
                SecretKeys.of(Secret.ofText("an-older-secret-0123456789-abcdefghijklmnop"), List.of()),
                Clock.systemUTC());
        old.record(AuditEntry.of(Actor.system(), "test.old", "thing", null));
        assertThat(chain.inspect(1, 0).get(0).verdict()).isEqualTo(Verdict.UNVERIFIABLE);
    }

    @Test
    void an_interrupted_verification_stops_and_records_nothing() {
        rows(3);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> chain.verify(VerificationRequest.wholeChain()))
                    .isInstanceOf(CancellationException.class);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(chain.lastVerification()).isEmpty();
        assertThat(chain.verify(VerificationRequest.wholeChain()).rowsWalked()).isEqualTo(3);
    }

    @Test
    void a_seq_outside_the_stored_chain_is_not_found() {
        assertThatThrownBy(() -> chain.inspect(1, 3)).isInstanceOf(Refusal.class)
                .hasMessageContaining("the audit log is empty");
        rows(2);
        assertThatThrownBy(() -> chain.inspect(3, 3)).isInstanceOf(Refusal.class)
                .hasMessageContaining("rows 1 to 2");
        assertThat(Optional.of(chain.inspect(2, 3).size())).contains(2);
    }
}
