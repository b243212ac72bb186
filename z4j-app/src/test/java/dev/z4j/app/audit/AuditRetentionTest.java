package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.PruneReport;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention through the dedicated path on both databases: the {@code audit.pruned} anchor is written first, the chain
 * still verifies from it, and tampering after a prune is still found.
 */
class AuditRetentionTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_pruned_chain_verifies_from_its_anchor_and_still_catches_tampering(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(20)) {
            AuditChain chain = f.chain(AuditFixture.SECRET);
            Instant cutoff = AuditFixture.START.plusSeconds(8);
            PruneReport report = chain.pruneBefore(cutoff).orElseThrow();
            assertThat(report.prunedThroughSeq()).isEqualTo(8);
            assertThat(report.prunedRows()).isEqualTo(8);
            assertThat(report.anchorSeq()).isEqualTo(21);
            AuditRow anchor = (AuditRow) new dev.z4j.adapter.jdbc.audit.JdbcAuditLog(f.database).find(21).orElseThrow();
            assertThat(anchor.action()).isEqualTo("audit.pruned");
            assertThat(anchor.metadataJson().replace(" ", "")).contains("\"pruned_through_seq\":8",
                    "\"pruned_through_row_hmac\":\"" + f.row(8).rowHmac() + "\"");
            assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                    .isEqualTo("OK (walked 13 rows, chain intact)");
            assertThat(chain.pruneBefore(AuditFixture.START)).isEmpty();

            assertThat(chain.pruneBefore(AuditFixture.START.plusSeconds(3600)).orElseThrow().prunedRows()).isEqualTo(13);
            assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                    .isEqualTo("OK (walked 1 rows, chain intact)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void deleting_more_than_retention_did_or_editing_the_anchor_is_found(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(20)) {
            AuditChain chain = f.chain(AuditFixture.SECRET);
            chain.pruneBefore(AuditFixture.START.plusSeconds(8)).orElseThrow();

            f.attacker("DELETE FROM audit_log WHERE seq = 9");
            VerificationReport truncated = chain.verify(VerificationRequest.wholeChain());
            assertThat(truncated.chainBreak().orElseThrow().seq()).isEqualTo(10);
            assertThat(truncated.chainBreak().get().expected()).isEqualTo(f.row(8).rowHmac());
            assertThat(truncated.chainBreak().get().got()).isEqualTo(f.row(9).rowHmac());

            f.attacker(kind.equals("sqlite")
                    ? "UPDATE audit_log SET metadata = replace(metadata, '\"pruned_through_seq\":8', '\"pruned_through_seq\":9') WHERE seq = 21"
                    : "UPDATE audit_log SET metadata = jsonb_set(metadata, '{pruned_through_seq}', '9') WHERE seq = 21");
            f.attacker("UPDATE audit_log SET metadata = " + (kind.equals("sqlite")
                    ? "replace(metadata, '" + f.row(8).rowHmac() + "', '" + f.row(9).rowHmac() + "')"
                    : "jsonb_set(metadata, '{pruned_through_row_hmac}', '\"" + f.row(9).rowHmac() + "\"')")
                    + " WHERE seq = 21");
            VerificationReport forgedAnchor = chain.verify(VerificationRequest.wholeChain());
            assertThat(forgedAnchor.outcome()).isEqualTo(VerificationReport.Outcome.BROKEN);
            assertThat(forgedAnchor.chainBreak().orElseThrow().seq()).isEqualTo(21);
            assertThat(forgedAnchor.chainBreak().get().field()).isEqualTo("row_hmac");
            assertThat(List.of(forgedAnchor.rowsWalked())).containsExactly(12L);
        }
    }
}
