package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Many threads recording at once, each in its own transaction beside a business write, form one unbroken chain. */
class AuditConcurrencyTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("postgresql", (Supplier<Database>) TestDatabases::postgres),
                Arguments.of("sqlite", (Supplier<Database>) TestDatabases::sqlite));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrent_writers_produce_one_gap_free_chain(String name, Supplier<Database> open) throws Exception {
        int threads = 8;
        int perThread = 60;
        try (Database database = open.get()) {
            AuditChain chain = new AuditChain(new JdbcAuditLog(database), database,
                    SecretKeys.of(Secret.ofText("concurrency-secret-0123456789-abcdefghij"), List.of()),
                    Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        database.inTransaction(() -> {
                            database.write(h -> h.createUpdate("INSERT INTO z4j_meta (key, value, updated_at) "
                                            + "VALUES (:key, 'v', :at)").bind("key", "k-" + thread + "-" + n)
                                    .bind("at", java.time.Instant.now()).execute());
                            chain.record(AuditEntry.of(Actor.system(), "test.concurrent", "thread",
                                    thread + "/" + n));
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            int total = threads * perThread;
            assertThat(chain.verify(VerificationRequest.wholeChain()).summary())
                    .isEqualTo("OK (walked " + total + " rows, chain intact)");
            List<Long> seqs = database.read(h -> h.createQuery("SELECT seq FROM audit_log ORDER BY seq")
                    .mapTo(Long.class).list());
            assertThat(seqs).hasSize(total).first().isEqualTo(1L);
            assertThat(seqs.get(total - 1)).isEqualTo(total);
        }
    }
}
