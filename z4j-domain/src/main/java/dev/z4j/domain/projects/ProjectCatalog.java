package dev.z4j.domain.projects;

import dev.z4j.domain.support.AccessPolicy;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.projects.ProjectStore;
import dev.z4j.ports.projects.ProjectWithRole;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Projects, and the gate every project route passes: {@link #authorize} looks the project and the caller's
 * membership up and asks the one {@link AccessPolicy}. An unknown slug, an archived project and a project the caller
 * is not a member of all give the same {@code NOT_FOUND}.
 */
public final class ProjectCatalog implements Projects, ProjectAccess {

    static final int MAX_LISTED = 500;
    private static final Pattern ENVIRONMENT = Pattern.compile("^[a-z][a-z0-9_-]{0,39}$");

    private final ProjectStore projects;
    private final MembershipStore memberships;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public ProjectCatalog(ProjectStore projects, MembershipStore memberships, AuditTrail audit,
                          Transactions transactions, Clock clock) {
        this.projects = projects;
        this.memberships = memberships;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Grant authorize(Caller caller, String slug, Action action) {
        return authorize(caller, slug, action, false);
    }

    @Override
    public void require(Caller caller, Action action) {
        if (action.scope() != Action.Scope.INSTALLATION) {
            throw new IllegalArgumentException(action + " is a project action; use authorize with a slug");
        }
        AccessPolicy.decide(caller.principal(), Optional.empty(), action).orThrow("installation");
    }

    private Grant authorize(Caller caller, String slug, Action action, boolean includeArchived) {
        if (action.scope() != Action.Scope.PROJECT) {
            throw new IllegalArgumentException(action + " is not a project action");
        }
        if (caller.principal() instanceof Principal.Anonymous) {
            AccessPolicy.decide(caller.principal(), Optional.empty(), action).orThrow("project");
        }
        Optional<Project> project = ProjectSlug.lookup(slug).flatMap(projects::findBySlug)
                .filter(p -> p.active() || includeArchived);
        Optional<ProjectRole> role = project.flatMap(p -> caller.user()
                .flatMap(u -> memberships.find(u.userId(), p.id())).map(Membership::role));
        Optional<AccessPolicy.Standing> standing = project.map(p -> new AccessPolicy.Standing(p.id(), role));
        AccessPolicy.decide(caller.principal(), standing, action).orThrow("project '" + printable(slug) + "'");
        return new Grant(project.orElseThrow(), role,
                AccessPolicy.permitted(caller.principal(), standing, Action.Scope.PROJECT));
    }

    @Override
    public Set<Action> permitted(Caller caller) {
        return AccessPolicy.permitted(caller.principal(), Optional.empty(), Action.Scope.INSTALLATION);
    }

    @Override
    public List<ProjectWithRole> list(Caller caller) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), Action.PROJECTS_LIST).orThrow("projects");
        boolean seesAll = caller.user().map(Principal.User::owner).orElse(true);
        if (seesAll) {
            return projects.listActive(MAX_LISTED).stream().map(p -> new ProjectWithRole(p, ProjectRole.ADMIN))
                    .toList();
        }
        return memberships.listForUser(caller.user().orElseThrow().userId());
    }

    @Override
    public Project get(Caller caller, String slug) {
        return authorize(caller, slug, Action.PROJECT_VIEW).project();
    }

    @Override
    public Project create(Caller caller, NewProject request) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), Action.PROJECTS_CREATE).orThrow("projects");
        ProjectSlug slug = ProjectSlug.parse(request.slug());
        Instant now = Timestamps.now(clock);
        Project project = new Project(UUID.randomUUID(), slug, name(request.name()),
                request.description().map(ProjectCatalog::description),
                environment(request.environment().orElse("production")), timezone(request.timezone().orElse("UTC")),
                retention(request.retentionDays().orElse(30)), true, now, now);
        return transactions.inTransaction(() -> {
            insertOrConflict(project);
            caller.user().ifPresent(u -> memberships.insert(new Membership(UUID.randomUUID(), u.userId(),
                    project.id(), ProjectRole.ADMIN, now, now)));
            audit.record(caller.audit("project.created", "project", project.id().toString()).withProject(project.id())
                    .withMetadata(Map.of("slug", slug.value(), "name", project.name())));
            return project;
        });
    }

    @Override
    public Project update(Caller caller, String slug, ProjectChanges changes) {
        return transactions.inTransaction(() -> {
            Project before = authorize(caller, slug, Action.PROJECT_MANAGE, true).project();
            Instant now = Timestamps.now(clock);
            List<String> changed = new ArrayList<>();
            ProjectSlug newSlug = changed(changes.slug().map(ProjectSlug::parse), before.slug(), "slug", changed);
            String newName = changed(changes.name().map(ProjectCatalog::name), before.name(), "name", changed);
            Optional<String> newDescription = changed(changes.description()
                    .map(d -> Optional.of(description(d)).filter(v -> !v.isBlank())), before.description(),
                    "description", changed);
            String newEnvironment = changed(changes.environment().map(ProjectCatalog::environment),
                    before.environment(), "environment", changed);
            String newTimezone = changed(changes.timezone().map(ProjectCatalog::timezone), before.timezone(),
                    "timezone", changed);
            int newRetention = changed(changes.retentionDays().map(ProjectCatalog::retention), before.retentionDays(),
                    "retention_days", changed);
            boolean newActive = changed(changes.active(), before.active(), "is_active", changed);
            if (changed.isEmpty()) {
                return before;
            }
            Project after = new Project(before.id(), newSlug, newName, newDescription, newEnvironment, newTimezone,
                    newRetention, newActive, before.createdAt(), now);
            try {
                projects.update(after);
            } catch (ProjectStore.DuplicateSlugException e) {
                throw slugTaken(newSlug);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("changed", changed);
            metadata.put("slug", newSlug.value());
            audit.record(caller.audit("project.updated", "project", after.id().toString()).withProject(after.id())
                    .withMetadata(metadata));
            return after;
        });
    }

    @Override
    public void archive(Caller caller, String slug) {
        transactions.inTransaction(() -> {
            Project project = authorize(caller, slug, Action.PROJECT_MANAGE).project();
            if (projects.countActive() <= 1) {
                throw Refusal.conflict("last_project", "cannot archive the last active project");
            }
            Instant now = Timestamps.now(clock);
            projects.update(new Project(project.id(), project.slug(), project.name(), project.description(),
                    project.environment(), project.timezone(), project.retentionDays(), false, project.createdAt(),
                    now));
            audit.record(caller.audit("project.archived", "project", project.id().toString())
                    .withProject(project.id()).withMetadata(Map.of("slug", project.slug().value())));
        });
    }

    private void insertOrConflict(Project project) {
        if (projects.findBySlug(project.slug()).isPresent()) {
            throw slugTaken(project.slug());
        }
        try {
            projects.insert(project);
        } catch (ProjectStore.DuplicateSlugException e) {
            throw slugTaken(project.slug());
        }
    }

    /** The new value when present and different (noting the field as changed), else the old one. */
    private static <T> T changed(Optional<T> requested, T current, String field, List<String> changed) {
        if (requested.isPresent() && !requested.get().equals(current)) {
            changed.add(field);
            return requested.get();
        }
        return current;
    }

    private static Refusal slugTaken(ProjectSlug slug) {
        return Refusal.conflict("slug_taken", "a project with slug '" + slug + "' already exists (archived ones "
                + "included)");
    }

    private static String name(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 200) {
            throw Refusal.invalid("invalid_name", "name must be 1 to 200 characters", Map.of("field", "name"));
        }
        return v;
    }

    private static String description(String value) {
        if (value.length() > 2000) {
            throw Refusal.invalid("invalid_description", "description must be at most 2000 characters",
                    Map.of("field", "description"));
        }
        return value;
    }

    private static String environment(String value) {
        if (!ENVIRONMENT.matcher(value).matches()) {
            throw Refusal.invalid("invalid_environment", "environment must be 1 to 40 lower-case letters, digits, "
                    + "dashes or underscores, starting with a letter", Map.of("field", "environment"));
        }
        return value;
    }

    private static String timezone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw Refusal.invalid("invalid_timezone", "timezone must be an IANA zone such as UTC or Europe/Berlin",
                    Map.of("field", "timezone"));
        }
    }

    private static int retention(int days) {
        if (days < 1 || days > 3650) {
            throw Refusal.invalid("invalid_retention_days", "retention_days must be between 1 and 3650",
                    Map.of("field", "retention_days"));
        }
        return days;
    }

    private static String printable(String slug) {
        String s = slug == null ? "" : slug;
        return (s.length() > 60 ? s.substring(0, 60) : s).replaceAll("[^\\x20-\\x7E]", "?");
    }
}
