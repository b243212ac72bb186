package dev.z4j.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretBoundState;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.SecretStore;
import dev.z4j.ports.system.Transactions;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SecretRotatorTest {

    static final Secret OLD = Secret.ofText("old-secret-0123456789-abcdefghijklmnopqrstuvwxyz");

    final List<AuditEntry> recorded = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
    final SecretStore store = new SecretStore() {
        @Override
        public void checkReplaceable() {
        }

        @Override
        public Replacement replace(Secret next) {
            events.add("replaced");
            return () -> events.add("undone");
        }
    };

    AuditTrail audit() {
        return (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class},
                (proxy, method, args) -> {
                    AuditEntry entry = (AuditEntry) args[0];
                    recorded.add(entry);
                    return new AuditRecord(7, java.util.UUID.randomUUID(), Instant.EPOCH, entry, OLD.keyId(), "p", "r");
                });
    }

    SecretBoundState bound(String what, long count) {
        return new SecretBoundState() {
            @Override
            public String description() {
                return what;
            }

            @Override
            public long invalidate() {
                events.add("invalidated " + what);
                if (count < 0) {
                    throw new IllegalStateException("cannot end " + what);
                }
                return count;
            }
        };
    }

    @Test
    void the_rotation_row_announces_the_new_key_and_everything_bound_is_ended() {
        SecretRotator rotator = new SecretRotator(SecretKeys.of(OLD, List.of()), store,
                List.of(bound("pending setup tokens", 2)), audit(), transactions);
        assertThat(rotator.plan().currentKeyId()).isEqualTo(OLD.keyId());
        assertThat(rotator.plan().consequences()).anyMatch(c -> c.contains("agent credential"));
        var result = rotator.rotate("ops");
        assertThat(result.oldKeyId()).isEqualTo(OLD.keyId());
        assertThat(result.newKeyId()).matches("[0-9a-f]{16}").isNotEqualTo(OLD.keyId());
        assertThat(result.auditSeq()).isEqualTo(7);
        assertThat(result.invalidated()).containsEntry("pending setup tokens", 2L);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(ChainActions.SECRET_ROTATED);
            assertThat(e.metadata()).containsEntry(ChainActions.NEW_KEY_ID, result.newKeyId())
                    .containsEntry(ChainActions.OLD_KEY_ID, OLD.keyId());
        });
        assertThat(events).containsExactly("invalidated pending setup tokens", "replaced");
    }

    @Test
    void a_failure_before_commit_leaves_the_old_secret_in_place() {
        SecretRotator rotator = new SecretRotator(SecretKeys.of(OLD, List.of()), store,
                List.of(bound("sessions", -1)), audit(), transactions);
        assertThatThrownBy(() -> rotator.rotate("ops")).hasMessage("cannot end sessions");
        assertThat(events).containsExactly("invalidated sessions");
        Transactions failingCommit = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                work.get();
                throw new IllegalStateException("commit failed");
            }
        };
        events.clear();
        assertThatThrownBy(() -> new SecretRotator(SecretKeys.of(OLD, List.of()), store, List.of(), audit(),
                failingCommit).rotate("ops")).hasMessage("commit failed");
        assertThat(events).containsExactly("replaced", "undone");
    }
}
