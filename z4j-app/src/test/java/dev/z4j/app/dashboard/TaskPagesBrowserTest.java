package dev.z4j.app.dashboard;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.Z4jBrain;
import dev.z4j.app.testing.Chromium;
import dev.z4j.app.testing.Z4jProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task pages in a real headless Chromium against a real brain, fed by a real protocol v2 agent ({@link TestAgent}
 * over {@code /ws/agent}): what the agent reports shows up in the task list, on the task's page and on the overview
 * without a reload, pushed through {@code /ws/dashboard}; retry on a task's page reaches the agent as a command whose
 * result the command's page shows as it arrives; the pages read without JavaScript. One browser, one brain
 * and one agent for the class; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskPagesBrowserTest {

    static final String PASSWORD = "violet-harbour-lantern-7";
    static final String OWNER = "olivia@example.test";
    static final String TASKS = "/projects/operations/tasks";
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path home;
    static Z4jBrain brain;
    static Chromium browser;
    static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        int port = Z4jProcess.freePort();
        brain = Z4jBrain.builder().home(home).secret("dashboard-test-secret-0123456789-abcdefghijk")
                .bind("127.0.0.1", port)
                .setting("Z4J_PUBLIC_URL", "http://localhost:" + port)
                .setting("Z4J_ARGON2_MEMORY_KIB", "1024").setting("Z4J_ARGON2_ITERATIONS", "1")
                .setting("Z4J_ARGON2_PARALLELISM", "1")
                .build().start();
        browser = new Chromium("http://localhost:" + port);
        browser.open(brain.setupInvitation().orElseThrow().url());
        browser.type("#email", OWNER).type("#display_name", "Olivia Owner").type("#password", PASSWORD)
                .type("#project_name", "Operations").submit("form button");
        browser.await("the first project", () -> browser.path().equals("/projects/operations"));
        browser.open("/projects/operations/agents").type("#agent_name", "celery-workers").click("#mint button");
        browser.await("the minted credential", () -> browser.has("#minted-dialog"));
        agent = TestAgent.connect(URI.create("http://127.0.0.1:" + port), browser.text("#minted-token"))
                .withHmacSecret(browser.text("#minted-secret"));
        agent.hello();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (brain != null) {
            brain.close();
        }
    }

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.keepEvidence(context.getRequiredTestMethod().getName());
        }
    };

    /** Sends events and waits for the brain to acknowledge them (stored and committed). */
    static void report(List<Map<String, Object>> events) {
        String id = agent.sendEventBatch(events);
        assertThat(agent.awaitFrame("event_batch_ack", WAIT).payload())
                .containsEntry("acked_id", id);
    }

    /** An event as the agent shapes it, naming the task and its queue as every event of a task does. */
    static Map<String, Object> event(String kind, String taskId, String name, String queue,
                                     Map<String, Object> extra) {
        Map<String, Object> event = taskEvent(kind, taskId);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        data.put("task_name", name);
        data.put("queue", queue);
        data.putAll(extra);
        return event;
    }

    /** Opens a page and waits until its live connection is subscribed, so nothing pushed later is missed. */
    static void openLive(String path) {
        browser.open(path);
        browser.await("the live connection", () -> "ready".equals(browser.find("body").getDomAttribute("data-live")));
        browser.script("window.z4jNotReloaded = true;");
    }

    /**
     * The text of an element that a pushed update may be swapping right now, read in one script call (a WebDriver
     * element found first and read after could be replaced in between); empty when absent.
     */
    static String liveText(String css) {
        Object text = browser.script("var e = document.querySelector(arguments[0]);"
                + " return e ? e.innerText.trim() : '';", css);
        return String.valueOf(text);
    }

    static boolean notReloaded() {
        return Boolean.TRUE.equals(browser.script("return window.z4jNotReloaded === true;"));
    }

    @Test
    @Order(1)
    void a_task_the_agent_reports_appears_in_the_open_list_without_a_reload() {
        openLive(TASKS);
        assertThat(liveText("#tasks-table")).contains("No tasks match.");

        report(List.of(event("task.received", "live-1", "billing.charge", "default",
                Map.of("args", List.of(42L), "kwargs", Map.of("currency", "EUR")))));

        browser.await("the pushed task", () -> browser.has("tr[data-task='live-1']"));
        assertThat(liveText("tr[data-task='live-1']")).contains("billing.charge", "received", "default");
        assertThat(notReloaded()).as("htmx swapped the table; the page was not reloaded").isTrue();

        report(List.of(event("task.started", "live-1", "billing.charge", "default", Map.of())));
        browser.await("the pushed state", () -> liveText("tr[data-task='live-1'] .badge").equals("started"));
        assertThat(notReloaded()).isTrue();
        browser.screenshot("tasks-live");
    }

    @Test
    @Order(2)
    void the_task_page_shows_arguments_result_events_and_follows_the_state_live() {
        browser.open(TASKS).submit("tr[data-task='live-1'] a");
        assertThat(browser.path()).isEqualTo(TASKS + "/demo/live-1");
        openLive(browser.path());
        assertThat(liveText("main h1")).contains("billing.charge", "started");
        assertThat(liveText("#task-args")).contains("42");
        assertThat(liveText("#task-kwargs")).contains("\"currency\" : \"EUR\"");
        assertThat(liveText("#task-events")).contains("task.received", "task.started");

        report(List.of(event("task.succeeded", "live-1", "billing.charge", "default", Map.of("result",
                Map.of("charged", true), "runtime_ms", 125L))));

        browser.await("the pushed success", () -> liveText("#task-state").equals("success")
                && liveText("#task-result").contains("charged"));
        assertThat(notReloaded()).isTrue();
        assertThat(liveText("#task-result")).contains("\"charged\" : true");
        assertThat(liveText("#task-facts")).contains("125 ms", "w1@host");
        assertThat(liveText("#task-events")).contains("task.succeeded");
        browser.screenshot("task");
    }

    @Test
    @Order(3)
    void a_failed_workflow_shows_its_traceback_and_tree_and_the_filters_find_it() {
        report(List.of(
                event("task.received", "flow-root", "reports.build", "default", Map.of()),
                event("task.received", "flow-child", "reports.render", "reports",
                        Map.of("parent_task_id", "flow-root", "root_task_id", "flow-root")),
                event("task.failed", "flow-child", "reports.render", "reports", Map.of("exception", "ValueError",
                        "exception_message", "no rows", "traceback", "Traceback (most recent call last):\n  ..."))));

        browser.open(TASKS + "?state=failure");
        assertThat(browser.all("#tasks-table tbody tr")).hasSize(1);
        browser.submit("tr[data-task='flow-child'] a");
        assertThat(liveText("#task-exception")).isEqualTo("ValueError: no rows");
        assertThat(liveText("#task-traceback")).startsWith("Traceback (most recent call last):");
        assertThat(liveText("#task-tree")).contains("reports.build", "reports.render");
        assertThat(liveText("#task-tree a[aria-current=page]")).isEqualTo("reports.render");
        browser.screenshot("task-failed");

        browser.open(TASKS + "?queue=reports");
        assertThat(liveText("#tasks-table tbody")).contains("flow-child").doesNotContain("flow-root");
        browser.open(TASKS + "?since=not-a-time");
        assertThat(liveText("p.error")).contains("since");
    }

    @Test
    @Order(4)
    void the_overview_counts_by_state_lists_recent_failures_and_follows_live() {
        openLive("/projects/operations");
        assertThat(liveText("#tasks-by-state td[data-state='failure']")).isEqualTo("1");
        assertThat(liveText("#recent-failures")).contains("reports.render");
        assertThat(liveText("#tasks-total")).isEqualTo("3");

        report(List.of(event("task.received", "live-2", "billing.refund", "default", Map.of())));

        browser.await("the pushed count", () -> liveText("#tasks-total").equals("4"));
        assertThat(notReloaded()).isTrue();
        browser.screenshot("overview-tasks");
        browser.colorScheme("dark");
        browser.screenshot("overview-tasks-dark");
        browser.colorScheme("light");
    }

    @Test
    @Order(5)
    void workers_and_queues_list_what_the_events_named() {
        browser.open("/projects/operations/workers");
        assertThat(liveText("#workers-table")).contains("w1@host", "online");
        browser.screenshot("workers");
        browser.open("/projects/operations/queues");
        assertThat(liveText("#queues-table")).contains("default", "reports");
        browser.open(TASKS);
        browser.screenshot("tasks");
        browser.open("/projects/operations/queues");
        browser.submit("tr[data-queue='reports'] a");
        assertThat(liveText("#tasks-table tbody")).contains("flow-child").doesNotContain("live-1");
    }

    @Test
    @Order(6)
    void retry_on_the_task_page_sends_the_agent_a_command_whose_result_the_command_page_shows_live() {
        browser.open(TASKS + "/demo/live-1");
        assertThat(browser.has("#cancel")).as("a finished task has nothing to cancel").isFalse();
        browser.submit("#retry button");

        assertThat(browser.path()).startsWith("/projects/operations/commands/");
        assertThat(liveText("p.notice")).startsWith("Command issued");
        String commandId = liveText("#command-id");
        Frame command = agent.awaitFrame("command", WAIT);
        assertThat(command.id()).isEqualTo(commandId);
        assertThat(command.payload()).containsEntry("action", "retry_task");
        assertThat(command.payload().get("target")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("type", "task")
                .containsEntry("id", "demo:live-1");
        openLive(browser.path());
        assertThat(liveText("#command-facts .badge")).isEqualTo("dispatched");

        agent.sendSigned("command_ack", commandId, Map.of());
        Map<String, Object> result = new HashMap<>();
        result.put("status", "success");
        result.put("result", Map.of("new_task_id", "live-1-retry"));
        result.put("error", null);
        agent.sendSigned("command_result", commandId, result);

        browser.await("the pushed completion", () -> liveText("#command-facts .badge").equals("completed")
                && liveText("#command-result").contains("live-1-retry")
                && liveText("#command-status").equals("completed"));
        assertThat(notReloaded()).isTrue();
        assertThat(liveText("#command-result")).contains("live-1-retry");
        browser.screenshot("command");

        browser.open("/projects/operations/commands");
        assertThat(liveText("#commands-table")).contains("retry_task", "task demo:live-1", "completed");
        browser.screenshot("commands");
        browser.driver.navigate().back();
        browser.driver.navigate().back();
        assertThat(browser.path()).as("after post-redirect-get, back goes to the task, no re-post")
                .isEqualTo(TASKS + "/demo/live-1");
    }

    @Test
    @Order(7)
    void schedules_are_listed_and_switched_through_the_agent_running_their_scheduler() throws Exception {
        browser.open("/projects/operations/agents").type("#agent_name", "beat").click("#mint button");
        browser.await("the minted credential", () -> browser.has("#minted-dialog"));
        try (TestAgent beat = TestAgent.connect(URI.create("http://127.0.0.1:" + brain.port()),
                liveText("#minted-token")).withHmacSecret(liveText("#minted-secret"))) {
            Map<String, Object> hello = TestAgent.standardHello("beat-1");
            hello.put("engines", List.of("celery"));
            hello.put("schedulers", List.of("celery-beat"));
            hello.put("capabilities", Map.of("celery-beat", List.of("schedule.enable", "schedule.disable")));
            beat.hello(hello);
            Map<String, Object> nightly = new HashMap<>(Map.of("name", "nightly-report", "task_name", "reports.build",
                    "kind", "cron", "expression", "0 3 * * *", "timezone", "UTC", "args", List.of(),
                    "kwargs", Map.of(), "is_enabled", true));
            Map<String, Object> snapshot = new HashMap<>(taskEvent("schedule.snapshot", ""));
            snapshot.put("engine", "celery");
            snapshot.put("data", Map.of("scheduler", "celery-beat", "schedules", List.of(nightly), "reason", "boot"));
            beat.sendEventBatch(List.of(snapshot));
            beat.awaitFrame("event_batch_ack", WAIT);

            browser.open("/projects/operations/schedules");
            assertThat(liveText("tr[data-schedule='nightly-report']")).contains("reports.build", "cron 0 3 * * *",
                    "enabled", "celery-beat");
            browser.screenshot("schedules");
            browser.submit("tr[data-schedule='nightly-report'] form[action$='/disable'] button");

            assertThat(liveText("p.notice")).startsWith("Command issued");
            assertThat(beat.awaitFrame("command", WAIT).payload()).containsEntry("action", "schedule.disable");
            browser.open("/projects/operations/schedules");
            assertThat(liveText("tr[data-schedule='nightly-report'] .badge")).isEqualTo("disabled");

            browser.submit("tr[data-schedule='nightly-report'] form[action$='/trigger'] button");
            assertThat(liveText("p.error")).as("refused: the list again, with the reason")
                    .startsWith("scheduler 'celery-beat'");
            assertThat(liveText("#schedules-table")).contains("nightly-report");
        }
    }

    @Test
    @Order(8)
    void the_task_pages_read_without_javascript() {
        browser.scripts(false);
        try {
            browser.open(TASKS);
            assertThat(liveText("#tasks-table")).contains("live-1", "flow-root", "flow-child");
            assertThat(browser.find("body").getDomAttribute("data-live")).as("no script, no socket").isNull();
            browser.open(TASKS + "/demo/live-1");
            assertThat(liveText("#task-state")).isEqualTo("success");
            browser.open("/projects/operations");
            assertThat(liveText("#tasks-total")).isEqualTo("4");
        } finally {
            browser.scripts(true);
        }
    }
}
