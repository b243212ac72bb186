package dev.z4j.adapter.http.ingest;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Frame;
import dev.z4j.adapter.http.support.Format;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.commands.IssuedCommand;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.ingest.Page;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskQueries;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /projects/{slug}/tasks}: the project's tasks (filters, newest first, older pages by cursor, export links to
 * the REST export with the same filters) and {@code /projects/{slug}/tasks/{engine}/{task_id}}: one task with its
 * arguments, result, exception and traceback, its workflow tree and its events. Reads through the {@link TaskQueries}
 * in-port behind {@code /api/v1/projects/{slug}/tasks}; both pages re-read themselves when {@code /ws/dashboard}
 * says {@code task.changed}. Operators retry or cancel the task from its page: a form that issues the command through
 * the {@link Commands} in-port (as {@code POST /api/v1/projects/{slug}/commands/retry-task} does) and leads to the
 * command's page. Each rendering of the form carries a fresh idempotency key, so a double submit issues one command.
 */
public final class TaskPages {

    /** The states the filter offers, upstream's names. */
    public static final List<String> STATES = Arrays.stream(TaskState.values()).map(TaskState::wire).toList();
    private static final int PAGE = TaskQueries.DEFAULT_LIMIT;
    private static final String TASK = "/projects/{slug}/tasks/{engine}/{task_id}";

    /** A task of the tree with the tasks it started. */
    public record Branch(TaskTree.Node node, String href, boolean current, List<Branch> children) {
    }

    private final TaskQueries tasks;
    private final Commands commands;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public TaskPages(TaskQueries tasks, Commands commands, ProjectAccess access, Callers callers, Frames frames,
                     Pages pages) {
        this.tasks = tasks;
        this.commands = commands;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/tasks", this::list);
        config.routes.get(TASK, ctx -> detail(ctx, callers.authenticated(ctx), 200, null));
        config.routes.post(TASK + "/retry", ctx -> issue(ctx, "retry-task"));
        config.routes.post(TASK + "/cancel", ctx -> issue(ctx, "cancel-task"));
    }

    /** Where a task's page is: engine and task id are path segments, encoded. */
    public static String href(String slug, String engine, String taskId) {
        return "/projects/" + slug + "/tasks/" + Format.segment(engine) + "/" + Format.segment(taskId);
    }

    private void list(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.TASKS_VIEW);
        String slug = grant.project().slug().value();
        String path = "/projects/" + slug + "/tasks";
        TaskFilters filters = TaskFilters.of(ctx);
        Frame frame = frames.frame(ctx, caller, "Tasks · " + grant.project().name(), grant);
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        List<TaskSummary> rows = List.of();
        Optional<String> older = Optional.empty();
        int status = 200;
        String query = filters.queryString();
        try {
            Page<TaskSummary> page = tasks.tasks(caller, slug, TaskRoutes.filter(ctx), cursor, PAGE);
            rows = page.items();
            older = page.nextCursor().map(next -> path + "?" + join(query,
                    "cursor=" + Format.param(next)));
        } catch (Refusal refusal) {
            if (refusal.kind() != Refusal.Kind.INVALID) {
                throw refusal;
            }
            frame = frame.withError(refusal.getMessage());
            status = 422;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frame);
        page.put("slug", slug);
        page.put("filters", filters);
        page.put("tasks", rows);
        page.put("self", path + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        page.put("older", older);
        page.put("newest", cursor.map(c -> path + (query.isEmpty() ? "" : "?" + query)));
        String api = "/api/v1/projects/" + slug + "/tasks?" + join(query, "format=");
        page.put("csv", api + "csv");
        page.put("jsonl", api + "jsonl");
        pages.render(ctx, status, "tasks/list.jte", page);
    }

    private void detail(Context ctx, Caller caller, int status, String error) {
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.TASKS_VIEW);
        String slug = grant.project().slug().value();
        String engine = ctx.pathParam("engine");
        String taskId = ctx.pathParam("task_id");
        TaskDetail task = tasks.task(caller, slug, engine, taskId);
        TaskTree tree = tasks.tree(caller, slug, engine, taskId);
        Page<TaskEvent> events = tasks.events(caller, slug, engine, taskId, Optional.empty(), PAGE);
        String title = task.summary().name().orElse(taskId);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, title + " · Tasks", grant).withError(error));
        page.put("slug", slug);
        page.put("self", href(slug, engine, taskId));
        page.put("task", task);
        page.put("tree", branches(slug, tree, taskId));
        page.put("treeTruncated", tree.truncated());
        page.put("events", events.items());
        page.put("moreEvents", events.nextCursor().isPresent());
        page.put("canOperate", grant.permits(Action.TASKS_OPERATE));
        page.put("formKey", UUID.randomUUID().toString());
        pages.render(ctx, status, "tasks/detail.jte", page);
    }

    /** Retry or cancel from the task's page; done, the browser goes to the command's page. */
    private void issue(Context ctx, String route) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        Map<String, Object> request = new HashMap<>();
        request.put("engine", ctx.pathParam("engine"));
        request.put("task_id", ctx.pathParam("task_id"));
        Optional.ofNullable(ctx.formParam("idempotency_key")).filter(k -> !k.isBlank())
                .ifPresent(key -> request.put("idempotency_key", key));
        IssuedCommand issued;
        try {
            issued = commands.issue(caller, slug, route, request);
        } catch (Refusal refusal) {
            refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            detail(ctx, caller, ErrorHandling.statusOf(refusal.kind()), refusal.getMessage());
            return;
        }
        Pages.redirect(ctx, "/projects/" + slug + "/commands/" + issued.command().id(),
                issued.created() ? "issued" : "reused");
    }

    /** The tree's roots (the root task, and any task whose parent is not in the tree) with their children. */
    static List<Branch> branches(String slug, TaskTree tree, String current) {
        Map<String, List<TaskTree.Node>> children = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        tree.nodes().forEach(n -> present.add(n.taskId()));
        List<TaskTree.Node> roots = new ArrayList<>();
        for (TaskTree.Node node : tree.nodes()) {
            Optional<String> parent = node.parentTaskId().filter(p -> !p.equals(node.taskId()) && present.contains(p));
            if (parent.isPresent()) {
                children.computeIfAbsent(parent.get(), p -> new ArrayList<>()).add(node);
            } else {
                roots.add(node);
            }
        }
        Set<String> drawn = new HashSet<>();
        return roots.stream().map(r -> branch(slug, r, children, current, drawn)).toList();
    }

    private static Branch branch(String slug, TaskTree.Node node, Map<String, List<TaskTree.Node>> children,
                                 String current, Set<String> drawn) {
        drawn.add(node.taskId());
        List<Branch> below = children.getOrDefault(node.taskId(), List.of()).stream()
                .filter(child -> !drawn.contains(child.taskId()))
                .map(child -> branch(slug, child, children, current, drawn)).toList();
        return new Branch(node, href(slug, node.engine(), node.taskId()), node.taskId().equals(current), below);
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + "&" + second;
    }
}
