package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The chain's invariant: for random chains, any single edit, delete, insert or swap is reported at the right row,
 * and an untouched chain verifies. "The right row" is the first position whose stored row is not what the chain
 * signed there: the edited row, the row after a deleted one, the inserted row, the first of two swapped rows.
 */
class ChainTamperPropertyTest {

    private static final int RUNS = 600;

    enum Mutation { EDIT, DELETE, INSERT, SWAP, REPLAY }

    @Test
    void any_single_tampering_is_reported_at_the_right_row() {
        for (int run = 0; run < RUNS; run++) {
            long seed = 0x5EED0000L + run;
            Random random = new Random(seed * 0x9E3779B97F4A7C15L); // neighbouring seeds start alike
            InMemoryAuditLog log = new InMemoryAuditLog();
            AuditChain chain = chain(log, random);
            int n = 2 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                chain.record(randomEntry(random));
            }
            assertThat(chain.verify(VerificationRequest.wholeChain()).outcome()).as("seed %d untouched", seed)
                    .isEqualTo(VerificationReport.Outcome.INTACT);
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            long expectedRow = tamper(log, mutation, n, random);
            VerificationReport report = chain.verify(VerificationRequest.wholeChain());
            assertThat(report.outcome()).as("seed %d %s", seed, mutation).isEqualTo(VerificationReport.Outcome.BROKEN);
            assertThat(report.chainBreak().orElseThrow().seq()).as("seed %d %s", seed, mutation).isEqualTo(expectedRow);
        }
    }

    private static AuditChain chain(InMemoryAuditLog log, Random random) {
        Instant start = Instant.parse("2026-04-23T00:00:00Z").plusSeconds(random.nextInt(1_000_000));
        Clock ticking = new Clock() {
            private Instant now = start;

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusNanos(1000L * (1 + random.nextInt(5_000_000)));
                return now;
            }
        };
        return new AuditChain(log, new CountingTransactions(), SecretKeys.of(GoldenVectorsTest.SECRET, List.of()),
                ticking, 1 + random.nextInt(8));
    }

    private static AuditEntry randomEntry(Random random) {
        Actor actor = switch (random.nextInt(4)) {
            case 0 -> Actor.user(UUID.randomUUID());
            case 1 -> Actor.agent(UUID.randomUUID());
            case 2 -> Actor.cli("op" + random.nextInt(9));
            default -> Actor.system();
        };
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            metadata.put(text(random), switch (random.nextInt(5)) {
                case 0 -> text(random);
                case 1 -> random.nextLong();
                case 2 -> random.nextDouble() * 1000;
                case 3 -> random.nextBoolean();
                default -> List.of(text(random), random.nextInt(100));
            });
        }
        AuditEntry entry = AuditEntry.of(actor, "action." + random.nextInt(20), "target" + random.nextInt(3),
                random.nextBoolean() ? null : text(random)).withMetadata(metadata);
        if (random.nextBoolean()) {
            entry = entry.withProject(UUID.randomUUID());
        }
        return random.nextBoolean() ? entry.withRequest("10.0.0." + random.nextInt(255), text(random)) : entry;
    }

    private static String text(Random random) {
        String alphabet = "abcXYZ019 _-é\"\\\n\u0001\u2028😀～";
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            b.appendCodePoint(alphabet.codePoints().toArray()[random.nextInt((int) alphabet.codePoints().count())]);
        }
        return b.toString();
    }

    /** Applies one mutation as an attacker with write access to the table (but not the key) would; returns the row. */
    private static long tamper(InMemoryAuditLog log, Mutation mutation, int n, Random random) {
        TreeMap<Long, StoredRow> rows = log.rows;
        switch (mutation) {
            case EDIT -> {
                long k = 1 + random.nextInt(n);
                log.tamper(k, edit(log.row(k), random));
                return k;
            }
            case DELETE -> {
                long k = 1 + random.nextInt(n - 1);
                rows.remove(k);
                return k + 1;
            }
            case INSERT -> {
                long k = 1 + random.nextInt(n + 1);
                shiftFrom(rows, k);
                AuditRow previous = k == 1 ? null : log.row(k - 1);
                AuditRow template = log.row(k == n + 1 ? k - 1 : k + 1);
                rows.put(k, with(template, k, previous == null ? AuditChain.GENESIS : previous.rowHmac(),
                        randomHex(random)));
                return k;
            }
            case SWAP -> {
                long k = 1 + random.nextInt(n - 1);
                AuditRow a = log.row(k);
                AuditRow b = log.row(k + 1);
                rows.put(k, with(b, k, b.prevRowHmac(), b.rowHmac()));
                rows.put(k + 1, with(a, k + 1, a.prevRowHmac(), a.rowHmac()));
                return k;
            }
            case REPLAY -> {
                long k = 2 + random.nextInt(n - 1);
                AuditRow copy = log.row(1 + random.nextInt((int) k - 1));
                shiftFrom(rows, k);
                rows.put(k, with(copy, k, copy.prevRowHmac(), copy.rowHmac()));
                return k;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void shiftFrom(TreeMap<Long, StoredRow> rows, long k) {
        List<AuditRow> later = new ArrayList<>();
        rows.tailMap(k, true).values().forEach(r -> later.add((AuditRow) r));
        rows.tailMap(k, true).clear();
        later.forEach(r -> rows.put(r.seq() + 1, with(r, r.seq() + 1, r.prevRowHmac(), r.rowHmac())));
    }

    private static AuditRow edit(AuditRow r, Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                    r.action() + "x", r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 1 -> new AuditRow(r.seq(), r.id(), r.occurredAt().plusSeconds(1), r.actorType(), r.actorId(),
                    r.projectId(), r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 2 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), Optional.of("someone-else"),
                    r.projectId(), r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 3 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                    r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    "{\"forged\":true}", r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 4 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                    r.action(), r.targetType(), r.targetId(), "failed".equals(r.result()) ? "success" : "failed",
                    r.sourceIp(), r.userAgent(), r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 5 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                    r.action(), r.targetType(), r.targetId(), r.result(), Optional.of("192.0.2.66"), r.userAgent(),
                    r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 6 -> new AuditRow(r.seq(), UUID.randomUUID(), r.occurredAt(), r.actorType(), r.actorId(),
                    r.projectId(), r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 7 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(),
                    r.projectId().isPresent() ? Optional.empty() : Optional.of(UUID.randomUUID()), r.action(),
                    r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(), r.metadataJson(),
                    r.keyId(), r.prevRowHmac(), r.rowHmac());
            case 8 -> new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(),
                    r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(),
                    r.metadataJson(), "0123456789abcdef", r.prevRowHmac(), r.rowHmac());
            case 9 -> with(r, r.seq(), randomHex(random), r.rowHmac());
            default -> with(r, r.seq(), r.prevRowHmac(), randomHex(random));
        };
    }

    private static AuditRow with(AuditRow r, long seq, String prev, String rowHmac) {
        return new AuditRow(seq, r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(), r.action(),
                r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(), r.metadataJson(), r.keyId(),
                prev, rowHmac);
    }

    private static String randomHex(Random random) {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }
}
