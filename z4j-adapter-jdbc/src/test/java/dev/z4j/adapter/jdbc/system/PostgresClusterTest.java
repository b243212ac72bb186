package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.ProjectChanged;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL cluster bus and leadership, with two replicas' worth of each on one database. */
class PostgresClusterTest {

    static final String A = "00000000000000a1";
    static final String B = "00000000000000b2";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Database database = TestDatabases.postgres();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        database.close();
    }

    private PostgresClusterBus bus(String replica, List<ClusterNotice> received, AtomicInteger resyncs) {
        PostgresClusterBus bus = new PostgresClusterBus(database, replica);
        bus.subscribe(new ClusterBus.Listener() {
            @Override
            public void received(ClusterNotice notice) {
                received.add(notice);
            }

            @Override
            public void resynchronize() {
                resyncs.incrementAndGet();
            }
        });
        open.add(bus);
        bus.start(Duration.ofSeconds(10));
        assertThat(bus.isConnected()).isTrue();
        return bus;
    }

    @Test
    void a_notice_reaches_the_other_replica_but_not_its_publisher() {
        List<ClusterNotice> atA = new CopyOnWriteArrayList<>();
        List<ClusterNotice> atB = new CopyOnWriteArrayList<>();
        PostgresClusterBus a = bus(A, atA, new AtomicInteger());
        bus(B, atB, new AtomicInteger());
        AgentSessionsEnded ended = new AgentSessionsEnded(UUID.randomUUID(), 3);
        ProjectChanged changed = new ProjectChanged(UUID.randomUUID(), "task.changed");

        a.publish(ended);
        a.publish(changed);

        Await.until("B receives both notices in order", WAIT, () -> atB.size() == 2);
        assertThat(atB).containsExactly(ended, changed);
        assertThat(atA).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM cluster_notices")).as("only the notice that must not be lost is kept")
                .isEqualTo(1);
    }

    @Test
    void a_listener_whose_connection_was_terminated_reconnects_and_loses_no_kept_notice() {
        List<ClusterNotice> atB = new CopyOnWriteArrayList<>();
        AtomicInteger resyncs = new AtomicInteger();
        PostgresClusterBus a = bus(A, new CopyOnWriteArrayList<>(), new AtomicInteger());
        PostgresClusterBus b = bus(B, atB, resyncs);
        List<ClusterNotice> sent = IntStream.range(0, 20)
                .mapToObj(i -> (ClusterNotice) new AgentSessionsEnded(UUID.randomUUID(), i)).toList();

        for (int i = 0; i < sent.size(); i++) {
            if (i == 5 || i == 12) {
                Await.until("B is listening", WAIT, b::isConnected);
                assertThat(terminate("z4j-bus-" + B)).isEqualTo(1);
            }
            a.publish(sent.get(i));
        }

        Await.until("B delivers all 20 notices", WAIT, () -> atB.size() >= sent.size());
        assertThat(atB).as("each once, none lost").containsExactlyInAnyOrderElementsOf(sent);
        Await.until("B is listening again", WAIT, b::isConnected);
        assertThat(resyncs.get()).as("listeners were told to resynchronise after each reconnect").isEqualTo(2);
        assertThat(a.forgetOlderThan(Duration.ZERO)).isEqualTo(20);
    }

    @Test
    void one_replica_leads_and_another_takes_over_when_it_goes() {
        PostgresLeadership a = new PostgresLeadership(database.url(), A).start();
        open.add(a);
        PostgresLeadership b = new PostgresLeadership(database.url(), B).start();
        open.add(b);
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();

        assertThat(terminate("z4j-leader-" + A)).isEqualTo(1);
        Await.until("B leads once A's session is gone", WAIT, b::isLeader);
        Await.until("A notices it lost the lead", WAIT, () -> !a.isLeader());

        b.close();
        Await.until("A leads again", WAIT, a::isLeader);
    }

    /** Ends the sessions of this database with that application name, as an operator or a failover would. */
    private long terminate(String applicationName) {
        return count("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name = '" + applicationName + "') t");
    }

    private long count(String sql) {
        return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
