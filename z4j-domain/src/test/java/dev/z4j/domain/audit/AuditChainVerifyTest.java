package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationReport.Outcome;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainVerifyTest {

    static final Secret OLD = Secret.ofText("old-secret-0123456789-abcdefghijklmnopqrstuvwxyz");
    static final Secret NEW = Secret.ofText("new-secret-0123456789-abcdefghijklmnopqrstuvwxyz");

    final InMemoryAuditLog log = new InMemoryAuditLog();
    final Clock clock = Clock.fixed(Instant.parse("2026-04-23T14:22:05Z"), ZoneOffset.UTC);

    AuditChain chain(Secret current, Secret... previous) {
        return new AuditChain(log, new CountingTransactions(), SecretKeys.of(current, List.of(previous)), clock);
    }

    void record(AuditChain chain, int n) {
        for (int i = 0; i < n; i++) {
            chain.record(AuditEntry.of(Actor.system(), "a.b", "x", Integer.toString(i)));
        }
    }

    void rotate(AuditChain underOld) {
        underOld.record(AuditEntry.of(Actor.cli("ops"), ChainActions.SECRET_ROTATED, "system", "Z4J_SECRET")
                .withMetadata(Map.of(ChainActions.OLD_KEY_ID, OLD.keyId(), ChainActions.NEW_KEY_ID, NEW.keyId())));
    }

    @Test
    void rows_of_a_rotated_secret_verify_with_it_and_are_unverifiable_without_it() {
        record(chain(OLD), 3);
        rotate(chain(OLD));
        record(chain(NEW, OLD), 2);
        assertThat(chain(NEW, OLD).verify(VerificationRequest.wholeChain()).outcome()).isEqualTo(Outcome.INTACT);
        VerificationReport without = chain(NEW).verify(VerificationRequest.wholeChain());
        assertThat(without.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(without.unverifiable()).singleElement().satisfies(r -> {
            assertThat(r.keyId()).isEqualTo(OLD.keyId());
            assertThat(r.firstSeq()).isEqualTo(1);
            assertThat(r.lastSeq()).isEqualTo(4);
            assertThat(r.rows()).isEqualTo(4);
        });
        assertThat(chain(NEW).verify(new VerificationRequest(Optional.empty(), List.of(OLD))).outcome())
                .isEqualTo(Outcome.INTACT);
    }

    @Test
    void a_key_id_rewritten_to_hide_an_edit_is_tampering_not_an_unknown_key() {
        record(chain(OLD), 5);
        AuditRow row = log.row(3);
        log.tamper(3, new AuditRow(3, row.id(), row.occurredAt(), row.actorType(), row.actorId(), row.projectId(),
                "forged", row.targetType(), row.targetId(), row.result(), row.sourceIp(), row.userAgent(),
                row.metadataJson(), "0123456789abcdef", row.prevRowHmac(), row.rowHmac()));
        VerificationReport report = chain(OLD).verify(VerificationRequest.wholeChain());
        assertThat(report.outcome()).isEqualTo(Outcome.BROKEN);
        assertThat(report.chainBreak().orElseThrow().seq()).isEqualTo(3);
        assertThat(report.chainBreak().get().field()).isEqualTo("key_id");
    }

    @Test
    void a_key_switch_between_two_held_keys_needs_no_announcement() {
        record(chain(OLD), 2);
        record(chain(NEW, OLD), 2);
        assertThat(chain(NEW, OLD).verify(VerificationRequest.wholeChain()).outcome()).isEqualTo(Outcome.INTACT);
        VerificationReport report = chain(NEW).verify(VerificationRequest.wholeChain());
        assertThat(report.chainBreak().orElseThrow().seq()).isEqualTo(1);
        assertThat(report.chainBreak().get().reason().orElseThrow()).contains("no secret rotation introduced");
    }

    @Test
    void a_row_hmac_rewritten_in_uppercase_is_not_the_hmac_the_chain_signed() {
        record(chain(OLD), 3);
        AuditRow row = log.row(3);
        log.tamper(3, new AuditRow(3, row.id(), row.occurredAt(), row.actorType(), row.actorId(), row.projectId(),
                row.action(), row.targetType(), row.targetId(), row.result(), row.sourceIp(), row.userAgent(),
                row.metadataJson(), row.keyId(), row.prevRowHmac(), row.rowHmac().toUpperCase(Locale.ROOT)));
        VerificationReport report = chain(OLD).verify(VerificationRequest.wholeChain());
        assertThat(report.chainBreak().orElseThrow().seq()).isEqualTo(3);
        assertThat(report.chainBreak().get().field()).isEqualTo("row_hmac");
        assertThat(report.chainBreak().get().expected()).isEqualTo(row.rowHmac());
    }

    @Test
    void an_unreadable_row_is_the_broken_row() {
        record(chain(OLD), 3);
        log.tamper(2, new StoredRow.Unreadable(2, "not-a-uuid", "id is not a UUID"));
        VerificationReport report = chain(OLD).verify(VerificationRequest.wholeChain());
        assertThat(report.summary()).isEqualTo("FAIL at row 2 (audit_id=not-a-uuid)");
        assertThat(report.chainBreak().orElseThrow().reason()).contains("id is not a UUID");
    }

    @Test
    void a_checkpoint_is_signed_read_back_and_verifies_only_what_follows() {
        AuditChain chain = chain(OLD);
        record(chain, 4);
        AuditCheckpoint checkpoint = chain.checkpoint();
        assertThat(checkpoint.seq()).isEqualTo(4);
        assertThat(checkpoint.rows()).isEqualTo(4);
        assertThat(checkpoint.document()).startsWith("{\"audit_id\":\"").endsWith("\"v\":1}\n")
                .contains("\"kind\":\"z4j-audit-checkpoint\"", "\"row_hmac\":\"" + log.row(4).rowHmac() + "\"");
        AuditCheckpoint read = chain.readCheckpoint(checkpoint.document(), List.of());
        assertThat(read).isEqualTo(checkpoint);
        record(chain, 3);
        assertThat(chain.verify(new VerificationRequest(Optional.of(read), List.of())).summary())
                .isEqualTo("OK (walked 4 rows, chain intact)");
        assertThatThrownBy(() -> chain(NEW).readCheckpoint(checkpoint.document(), List.of()))
                .isInstanceOf(AuditCheckpoint.InvalidCheckpointException.class).hasMessageContaining("does not hold");
        assertThatThrownBy(() -> chain.readCheckpoint(checkpoint.document().replace("\"rows\":4", "\"rows\":5"),
                List.of())).hasMessageContaining("signature does not verify");
        assertThatThrownBy(() -> chain.readCheckpoint("{\"kind\":\"other\"}", List.of()))
                .hasMessageContaining("not a z4j audit checkpoint");
    }

    @Test
    void an_empty_log_has_no_checkpoint() {
        assertThatThrownBy(() -> chain(OLD).checkpoint()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void a_checkpoint_whose_row_retention_pruned_falls_back_to_the_whole_chain_with_a_note() {
        AuditChain chain = new AuditChain(log, new CountingTransactions(), SecretKeys.of(OLD, List.of()),
                Clock.offset(clock, java.time.Duration.ofDays(1)));
        chain(OLD).record(AuditEntry.of(Actor.system(), "old", "x", null));
        AuditCheckpoint checkpoint = chain(OLD).checkpoint();
        chain.record(AuditEntry.of(Actor.system(), "new", "x", null));
        chain.pruneBefore(clock.instant().plusSeconds(1)).orElseThrow();
        VerificationReport report = chain.verify(new VerificationRequest(Optional.of(checkpoint), List.of()));
        assertThat(report.summary()).isEqualTo("OK (walked 2 rows, chain intact)");
        assertThat(report.notes()).singleElement().asString().contains("pruned by retention");
    }

    @Test
    void search_pages_with_an_opaque_cursor() {
        AuditChain chain = chain(OLD);
        UUID project = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            AuditEntry entry = AuditEntry.of(Actor.system(), i % 2 == 0 ? "agent.mint" : "auth.login", "x", null);
            chain.record(i < 5 ? entry.withProject(project) : entry);
        }
        AuditQuery query = AuditQuery.all().withProject(project).withLimit(2);
        AuditPage first = chain.search(query);
        assertThat(first.rows()).extracting(r -> r.seq()).containsExactly(5L, 4L);
        AuditPage second = chain.search(query.withCursor(first.nextCursor().orElseThrow()));
        assertThat(second.rows()).extracting(r -> r.seq()).containsExactly(3L, 2L);
        AuditPage last = chain.search(query.withCursor(second.nextCursor().orElseThrow()));
        assertThat(last.rows()).extracting(r -> r.seq()).containsExactly(1L);
        assertThat(last.nextCursor()).isEmpty();
        assertThat(chain.search(AuditQuery.all().withActionPrefix("agent.")).rows()).hasSize(4);
        assertThatThrownBy(() -> chain.search(query.withCursor("garbage!"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cursor");
    }
}
