package dev.z4j.adapter.jdbc.identity;

import static dev.z4j.adapter.jdbc.identity.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.LoginAttemptStore;
import dev.z4j.ports.identity.LoginAttemptStore.Attempts;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link LoginAttemptStore} out-port on each real database. */
abstract class LoginAttemptStoreContract {

    Database database;
    LoginAttemptStore attempts;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        attempts = new JdbcLoginAttemptStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void a_counter_is_saved_overwritten_and_cleared_per_scope_and_subject() {
        attempts.save("ip", "192.0.2.1", new Attempts(1, at(0), at(0), Optional.empty()));
        attempts.save("account", "192.0.2.1", new Attempts(7, at(0), at(0), Optional.empty()));
        database.inTransaction(() -> attempts.save("ip", "192.0.2.1",
                new Attempts(2, at(0), at(5), Optional.of(at(905)))));
        assertThat(database.inTransaction(() -> attempts.find("ip", "192.0.2.1")))
                .contains(new Attempts(2, at(0), at(5), Optional.of(at(905))));
        assertThat(attempts.find("account", "192.0.2.1").orElseThrow().failures()).isEqualTo(7);
        attempts.clear("ip", "192.0.2.1");
        assertThat(attempts.find("ip", "192.0.2.1")).isEmpty();
        assertThat(attempts.find("account", "192.0.2.1")).isPresent();
    }

    @Test
    void pruning_drops_old_counters_but_not_running_locks() {
        attempts.save("ip", "old", new Attempts(1, at(0), at(0), Optional.empty()));
        attempts.save("ip", "locked", new Attempts(9, at(0), at(0), Optional.of(at(10_000))));
        attempts.save("ip", "recent", new Attempts(1, at(500), at(500), Optional.empty()));
        assertThat(attempts.pruneBefore(at(100))).isEqualTo(1);
        assertThat(attempts.find("ip", "old")).isEmpty();
        assertThat(attempts.find("ip", "locked")).isPresent();
    }
}
