package dev.z4j.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.system.ChangeFeed.Change;
import dev.z4j.ports.system.ChangeFeed.Subscription;
import dev.z4j.ports.system.ChangeFeed.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalChangeFeedTest {

    final LocalChangeFeed feed = new LocalChangeFeed();
    final UUID project = UUID.randomUUID();

    @Test
    void a_change_reaches_the_projects_subscribers_with_its_subject_and_topic_listeners_with_the_topic() {
        List<Change> changes = new ArrayList<>();
        List<Topic> topics = new ArrayList<>();
        feed.subscribeToChanges(project, changes::add);
        feed.subscribe(project, topics::add);
        feed.subscribeToChanges(UUID.randomUUID(), c -> {
            throw new AssertionError("another project's subscriber");
        });

        Change done = new Change(Topic.COMMAND_CHANGED, Map.of("command_id", "c-1", "status", "completed"));
        feed.publish(project, done);
        feed.publish(project, Topic.TASK_CHANGED);

        assertThat(changes).containsExactly(done, new Change(Topic.TASK_CHANGED, Map.of()));
        assertThat(topics).containsExactly(Topic.COMMAND_CHANGED, Topic.TASK_CHANGED);
    }

    @Test
    void a_failing_subscriber_does_not_stop_the_others_and_a_closed_one_hears_nothing() {
        List<Change> heard = new ArrayList<>();
        feed.subscribeToChanges(project, c -> {
            throw new IllegalStateException("broken view");
        });
        Subscription subscription = feed.subscribeToChanges(project, heard::add);
        feed.publish(project, Topic.AGENT_CHANGED);
        subscription.close();
        feed.publish(project, Topic.AGENT_CHANGED);
        assertThat(heard).hasSize(1);
    }
}
