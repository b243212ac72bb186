package dev.z4j.ports.identity;

import java.util.Optional;

/**
 * Everything the authorization policy decides about. An action is either installation-wide or inside one project;
 * a project action names the weakest project role that may do it, whether only owners may, and whether an agent
 * token of that project may (SPEC §5: submit / cancel / retry tasks, update schedules, read task history and engine
 * state; nothing else).
 */
public enum Action {

    // Any signed-in user, about themselves or the brain.
    /** Own profile, password, sessions. */
    ACCOUNT_SELF(Scope.INSTALLATION, null, false, false),
    /** Versions, database and audit state ({@code /api/v1/health/system}). */
    SYSTEM_VIEW(Scope.INSTALLATION, null, false, false),
    /** The list of projects the caller can see. */
    PROJECTS_LIST(Scope.INSTALLATION, null, false, false),

    // Owners only.
    PROJECTS_CREATE(Scope.INSTALLATION, null, true, false),
    USERS_VIEW(Scope.INSTALLATION, null, true, false),
    USERS_MANAGE(Scope.INSTALLATION, null, true, false),
    /** The whole installation's audit log ({@code GET /api/v1/audit}); a project's is {@link #AUDIT_VIEW}. */
    AUDIT_VIEW_ALL(Scope.INSTALLATION, null, true, false),
    /** Walk the audit chain now ({@code POST /api/v1/audit/verify}, the dashboard's "Verify now"). */
    AUDIT_VERIFY(Scope.INSTALLATION, null, true, false),

    // Inside one project.
    PROJECT_VIEW(Scope.PROJECT, ProjectRole.VIEWER, false, false),
    /** Rename, re-slug, archive a project. */
    PROJECT_MANAGE(Scope.PROJECT, null, true, false),
    /** Task history and events. */
    TASKS_VIEW(Scope.PROJECT, ProjectRole.VIEWER, false, true),
    /** Workers, queues, schedules, commands: the engine's state. */
    ENGINE_VIEW(Scope.PROJECT, ProjectRole.VIEWER, false, true),
    /** Submit, retry, cancel, bulk-retry tasks. */
    TASKS_OPERATE(Scope.PROJECT, ProjectRole.OPERATOR, false, true),
    /** Restart workers, resize pools, add or cancel consumers, rate limits. */
    WORKERS_OPERATE(Scope.PROJECT, ProjectRole.OPERATOR, false, false),
    /** Enable, disable, trigger schedules. */
    SCHEDULES_OPERATE(Scope.PROJECT, ProjectRole.OPERATOR, false, true),
    /** Create, update, delete, import schedules. */
    SCHEDULES_MANAGE(Scope.PROJECT, ProjectRole.ADMIN, false, true),
    /** Purge queues, bulk-delete tasks. */
    QUEUES_PURGE(Scope.PROJECT, ProjectRole.ADMIN, false, false),
    AGENTS_VIEW(Scope.PROJECT, ProjectRole.VIEWER, false, false),
    /** Mint, rotate, revoke, delete agents. */
    AGENTS_MANAGE(Scope.PROJECT, ProjectRole.ADMIN, false, false),
    MEMBERS_VIEW(Scope.PROJECT, ProjectRole.ADMIN, false, false),
    MEMBERS_MANAGE(Scope.PROJECT, ProjectRole.ADMIN, false, false),
    AUDIT_VIEW(Scope.PROJECT, ProjectRole.ADMIN, false, false);

    public enum Scope { INSTALLATION, PROJECT }

    private final Scope scope;
    private final ProjectRole minimumRole;
    private final boolean ownersOnly;
    private final boolean grantedToAgents;

    Action(Scope scope, ProjectRole minimumRole, boolean ownersOnly, boolean grantedToAgents) {
        this.scope = scope;
        this.minimumRole = minimumRole;
        this.ownersOnly = ownersOnly;
        this.grantedToAgents = grantedToAgents;
    }

    public Scope scope() {
        return scope;
    }

    /** The weakest project role that may do it; empty for installation actions and owner-only project actions. */
    public Optional<ProjectRole> minimumRole() {
        return Optional.ofNullable(minimumRole);
    }

    public boolean ownersOnly() {
        return ownersOnly;
    }

    /** Whether an agent token may do it (in its own project only). */
    public boolean grantedToAgents() {
        return grantedToAgents;
    }
}
