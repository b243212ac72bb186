package dev.z4j.adapter.jdbc.identity;

import static dev.z4j.adapter.jdbc.identity.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.SetupTokenStore;
import dev.z4j.ports.identity.SetupTokenStore.SetupTokenRecord;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link SetupTokenStore} out-port on each real database. */
abstract class SetupTokenStoreContract {

    Database database;
    SetupTokenStore tokens;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        tokens = new JdbcSetupTokenStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void a_new_token_replaces_the_old_and_is_consumed_once_before_it_expires() {
        tokens.replaceAll(new SetupTokenRecord("first", at(0), at(900)));
        tokens.replaceAll(new SetupTokenRecord("second", at(10), at(910)));
        assertThat(tokens.findByHash("first")).isEmpty();
        assertThat(tokens.consume("second", at(910))).as("expired").isFalse();
        assertThat(tokens.consume("second", at(909))).isTrue();
        assertThat(tokens.consume("second", at(909))).isFalse();
        assertThat(tokens.findByHash("second")).isEmpty();
    }

    @Test
    void of_two_concurrent_consumers_exactly_one_burns_the_token() throws Exception {
        tokens.replaceAll(new SetupTokenRecord("race", at(0), at(900)));
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> consume = () -> {
            go.await();
            return database.inTransaction(() -> tokens.consume("race", at(1)));
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = List.of(pool.submit(consume), pool.submit(consume));
            go.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delete_all_removes_expired_tokens_too() {
        tokens.replaceAll(new SetupTokenRecord("t", at(0), at(1)));
        assertThat(tokens.deleteAll()).isEqualTo(1);
        assertThat(tokens.findByHash("t")).isEmpty();
    }
}
