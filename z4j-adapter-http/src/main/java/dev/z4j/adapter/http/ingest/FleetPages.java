package dev.z4j.adapter.http.ingest;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.ingest.TaskQueries;
import dev.z4j.ports.ingest.WorkerView;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The project's engine fleet as its agents report it: {@code /projects/{slug}/workers} (each worker with its state,
 * queues, load and what it finished in the last 24 hours), one worker with its inspect snapshot, and
 * {@code /projects/{slug}/queues} (depth and last seen). Reads through the {@link TaskQueries} in-port behind the
 * matching {@code /api/v1} routes; the lists re-read themselves when {@code /ws/dashboard} says
 * {@code task.changed} (workers and queues change with the events that change tasks).
 */
public final class FleetPages {

    private final TaskQueries queries;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public FleetPages(TaskQueries queries, ProjectAccess access, Callers callers, Frames frames, Pages pages) {
        this.queries = queries;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/workers", this::workers);
        config.routes.get("/projects/{slug}/workers/{id}", this::worker);
        config.routes.get("/projects/{slug}/queues", this::queues);
    }

    private void workers(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        pages.render(ctx, 200, "fleet/workers.jte", Map.of(
                "frame", frames.frame(ctx, caller, "Workers · " + grant.project().name(), grant),
                "slug", slug,
                "workers", queries.workers(caller, slug)));
    }

    private void worker(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        WorkerView worker = queries.worker(caller, slug, PathParams.uuid(ctx, "id", "worker_not_found",
                "worker not found"));
        pages.render(ctx, 200, "fleet/worker.jte", Map.of(
                "frame", frames.frame(ctx, caller, worker.name() + " · Workers", grant),
                "slug", slug,
                "worker", worker));
    }

    private void queues(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        pages.render(ctx, 200, "fleet/queues.jte", Map.of(
                "frame", frames.frame(ctx, caller, "Queues · " + grant.project().name(), grant),
                "slug", slug,
                "queues", queries.queues(caller, slug)));
    }
}
