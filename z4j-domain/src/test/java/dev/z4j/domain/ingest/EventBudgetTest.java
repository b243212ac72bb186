package dev.z4j.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventBudgetTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final EventBudget budget = new EventBudget(1000, nanos::get);
    final UUID project = UUID.randomUUID();

    @Test
    void a_project_spends_one_second_of_events_then_waits_for_the_refill() {
        assertThat(budget.admit(project, 600)).isZero();
        assertThat(budget.admit(project, 400)).isZero();

        Duration wait = budget.admit(project, 100);

        assertThat(wait).isEqualTo(Duration.ofMillis(100));
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(budget.admit(project, 100)).isZero();
    }

    @Test
    void projects_have_budgets_of_their_own_and_zero_means_unlimited() {
        budget.admit(project, 1000);

        assertThat(budget.admit(UUID.randomUUID(), 1000)).isZero();
        assertThat(new EventBudget(0, nanos::get).admit(project, 1_000_000)).isZero();
    }

    @Test
    void a_batch_larger_than_the_budget_passes_once_the_bucket_is_full_and_later_ones_pay_for_it() {
        assertThat(budget.admit(project, 5000)).isZero();

        assertThat(budget.admit(project, 1).toMillis()).isEqualTo(4001);
    }
}
