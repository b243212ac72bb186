package dev.z4j.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The parallel walk decides exactly as a walk that tests every row in order: for random chains with rotations, keys
 * held or not, key changes nobody announced and tampered rows, split into random ranges over one to three readers,
 * both give the same report (outcome, rows walked, the break, the unverifiable ranges).
 */
class ParallelWalkTest {

    private static final int RUNS = 400;
    private static final Secret[] SECRETS = {
        Secret.ofText("first-secret-0123456789-abcdefghijklmnopqrstuvwxyz"),
        Secret.ofText("second-secret-0123456789-abcdefghijklmnopqrstuvwxyz"),
        Secret.ofText("third-secret-0123456789-abcdefghijklmnopqrstuvwxyz"),
    };
    private static final Instant FINISHED = Instant.parse("2026-11-29T16:00:00Z");

    enum Tampering { NONE, EDIT, DELETE, REFORMATTED_METADATA, NANOSECONDS, UPPERCASE_HMAC }

    @Test
    void splitting_the_walk_over_readers_and_ranges_changes_no_verdict() {
        Set<Tampering> seen = EnumSet.noneOf(Tampering.class);
        for (int run = 0; run < RUNS; run++) {
            long seed = 0x9A2A0000L + run;
            Random random = new Random(seed * 0x9E3779B97F4A7C15L); // neighbouring seeds start alike
            InMemoryAuditLog log = randomChain(random);
            Tampering tampering = Tampering.values()[random.nextInt(Tampering.values().length)];
            seen.add(tampering);
            tamper(log, tampering, random);
            List<Secret> held = new ArrayList<>();
            for (Secret secret : SECRETS) {
                if (random.nextInt(4) > 0) {
                    held.add(secret);
                }
            }
            ChainWalk reference = new ChainWalk(new AuditKeys(held), new ChainWalk.Genesis());
            log.walk(1, reference);
            ChainWalk split = new ChainWalk(new AuditKeys(held), new ChainWalk.Genesis());
            int rangeSize = 1 + random.nextInt(9);
            int readers = 1 + random.nextInt(3);
            new ParallelWalk(log, () -> new AuditKeys(held), rangeSize, readers).walk(1, split);
            VerificationReport expected = reference.report(FINISHED, List.of());
            assertThat(split.report(FINISHED, List.of()))
                    .as("seed %d, %s, ranges of %d over %d readers", seed, tampering, rangeSize, readers)
                    .isEqualTo(expected);
        }
        assertThat(seen).containsExactlyInAnyOrder(Tampering.values());
    }

    private static InMemoryAuditLog randomChain(Random random) {
        InMemoryAuditLog log = new InMemoryAuditLog();
        Clock clock = Clock.fixed(Instant.parse("2026-04-23T14:22:05.123456Z"), ZoneOffset.UTC);
        int key = 0;
        for (int segment = 1 + random.nextInt(4); segment > 0; segment--) {
            AuditChain chain = new AuditChain(log, new CountingTransactions(), SecretKeys.of(SECRETS[key], List.of()),
                    clock);
            for (int i = random.nextInt(25); i > 0; i--) {
                chain.record(AuditEntry.of(Actor.system(), "task.retry", "task", "t" + i)
                        .withMetadata(Map.of("attempt", i, "queue", "default")));
            }
            int next = (key + 1) % SECRETS.length;
            if (random.nextInt(3) > 0) {
                chain.record(AuditEntry.of(Actor.cli("ops"), ChainActions.SECRET_ROTATED, "system", "Z4J_SECRET")
                        .withMetadata(Map.of(ChainActions.OLD_KEY_ID, SECRETS[key].keyId(),
                                ChainActions.NEW_KEY_ID, SECRETS[next].keyId())));
            }
            key = next;
        }
        return log;
    }

    private static void tamper(InMemoryAuditLog log, Tampering tampering, Random random) {
        if (log.rows.isEmpty() || tampering == Tampering.NONE) {
            return;
        }
        long seq = log.rows.firstKey() + random.nextInt(log.rows.size());
        AuditRow r = log.row(seq);
        switch (tampering) {
            case EDIT -> log.tamper(seq, new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(),
                    r.projectId(), r.action() + "x", r.targetType(), r.targetId(), r.result(), r.sourceIp(),
                    r.userAgent(), r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac()));
            case DELETE -> log.rows.remove(seq);
            case REFORMATTED_METADATA -> log.tamper(seq, withMetadata(r, r.metadataJson().replace(":", ": ")));
            case NANOSECONDS -> log.tamper(seq, new AuditRow(r.seq(), r.id(), r.occurredAt().plusNanos(1),
                    r.actorType(), r.actorId(), r.projectId(), r.action(), r.targetType(), r.targetId(), r.result(),
                    r.sourceIp(), r.userAgent(), r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac()));
            case UPPERCASE_HMAC -> log.tamper(seq, new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(),
                    r.actorId(), r.projectId(), r.action(), r.targetType(), r.targetId(), r.result(), r.sourceIp(),
                    r.userAgent(), r.metadataJson(), r.keyId(), r.prevRowHmac(), r.rowHmac().toUpperCase()));
            default -> throw new IllegalStateException();
        }
    }

    private static AuditRow withMetadata(AuditRow r, String metadataJson) {
        return new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(), r.action(),
                r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(), metadataJson, r.keyId(),
                r.prevRowHmac(), r.rowHmac());
    }
}
