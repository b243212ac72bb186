package dev.z4j.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.system.PostgresClusterBus;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.ports.system.ChangeFeed.Topic;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Live updates across two replicas' change feeds on one PostgreSQL bus. */
class ClusterChangeFeedTest {

    @Test
    void a_change_reaches_subscribers_here_at_once_and_on_the_other_replica_coalesced() throws Exception {
        try (Database database = TestDatabases.postgres();
             PostgresClusterBus busA = new PostgresClusterBus(database, "00000000000000a1");
             PostgresClusterBus busB = new PostgresClusterBus(database, "00000000000000b2")) {
            busA.start(Duration.ofSeconds(10));
            busB.start(Duration.ofSeconds(10));
            try (ClusterChangeFeed a = new ClusterChangeFeed(new LocalChangeFeed(), busA);
                 ClusterChangeFeed b = new ClusterChangeFeed(new LocalChangeFeed(), busB)) {
                busA.subscribe(a);
                busB.subscribe(b);
                UUID project = UUID.randomUUID();
                List<Topic> atA = new CopyOnWriteArrayList<>();
                List<Topic> atB = new CopyOnWriteArrayList<>();
                a.subscribe(project, atA::add);
                b.subscribe(project, atB::add);

                for (int i = 0; i < 50; i++) {
                    a.publish(project, Topic.TASK_CHANGED);
                }
                a.publish(project, Topic.AGENT_CHANGED);

                assertThat(atA).hasSize(51);
                Z4jProcess.await("B hears both topics", Duration.ofSeconds(10),
                        () -> atB.contains(Topic.TASK_CHANGED) && atB.contains(Topic.AGENT_CHANGED));
                assertThat(atB.size()).as("50 task changes within one period cross as a few notices").isLessThan(10);
                assertThat(atA).as("nothing echoes back").hasSize(51);
            }
        }
    }
}
