package dev.z4j.adapter.jdbc.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code Transactions} out-port and the type plumbing, run against each real database. */
abstract class TransactionsContract {

    Database database;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        database.inTransaction(() -> database.write(h -> h.execute(
                "CREATE TABLE contract_probe (id " + (database.dialect() == Dialect.SQLITE ? "TEXT" : "UUID")
                        + " PRIMARY KEY, at " + (database.dialect() == Dialect.SQLITE ? "TEXT" : "TIMESTAMPTZ") + ")")));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private int insert(UUID id, Instant at) {
        return database.write(h -> h.createUpdate("INSERT INTO contract_probe (id, at) VALUES (:id, :at)")
                .bind("id", id).bind("at", at).execute());
    }

    private long count() {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM contract_probe").mapTo(Long.class).one());
    }

    @Test
    void a_committed_transaction_is_visible_to_readers() {
        database.inTransaction(() -> insert(UUID.randomUUID(), Instant.now()));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void a_failure_rolls_back_the_whole_transaction_including_nested_calls() {
        assertThatThrownBy(() -> database.inTransaction(() -> {
            insert(UUID.randomUUID(), Instant.now());
            database.inTransaction(() -> insert(UUID.randomUUID(), Instant.now()));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(count()).isZero();
    }

    @Test
    void a_nested_call_joins_the_outer_transaction_and_sees_its_writes() {
        long seenInside = database.inTransaction(() -> {
            insert(UUID.randomUUID(), Instant.now());
            return database.inTransaction(this::count);
        });
        assertThat(seenInside).isEqualTo(1);
    }

    @Test
    void instants_and_uuids_round_trip_with_microsecond_precision() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-04-23T14:22:05.123456789Z");
        database.inTransaction(() -> insert(id, at));
        Instant read = database.read(h -> h.createQuery("SELECT at FROM contract_probe WHERE id = :id")
                .bind("id", id).mapTo(Instant.class).one());
        UUID readId = database.read(h -> h.createQuery("SELECT id FROM contract_probe").mapTo(UUID.class).one());
        assertThat(read).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(readId).isEqualTo(id);
    }

    @Test
    void timestamps_compare_with_plain_sql_literals_as_operators_write_them() {
        database.inTransaction(() -> {
            insert(UUID.randomUUID(), Instant.parse("2026-04-23T11:59:59Z"));
            insert(UUID.randomUUID(), Instant.parse("2026-04-23T12:00:01Z"));
            insert(UUID.randomUUID(), Instant.parse("2026-04-24T00:00:00Z"));
        });
        long after = database.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM contract_probe WHERE at > '2026-04-23 12:00:00'").mapTo(Long.class).one());
        assertThat(after).isEqualTo(2);
    }
}
