package dev.z4j.adapter.http.support;

import dev.z4j.adapter.http.support.Frame.ChainAlarm;
import dev.z4j.adapter.http.support.Frame.NavLink;
import dev.z4j.adapter.http.support.Frame.ProjectLink;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Authenticated;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Projects;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds the {@link Frame} of a dashboard page for a signed-in caller. The navigation lists only the pages the
 * caller's standing allows, asked of the one authorization policy ({@link Grant#permitted()} and
 * {@link ProjectAccess#permitted(Caller)}); the routes behind them authorize again.
 */
public final class Frames {

    /** A page of the navigation: shown when the caller is permitted {@code action}. */
    private record Entry(String label, String path, Action action) {
    }

    private static final List<Entry> PROJECT_PAGES = List.of(
            new Entry("Overview", "", Action.PROJECT_VIEW),
            new Entry("Agents", "/agents", Action.AGENTS_VIEW),
            new Entry("Audit log", "/audit", Action.AUDIT_VIEW),
            new Entry("Members", "/members", Action.MEMBERS_VIEW));
    private static final List<Entry> SETTINGS_PAGES = List.of(
            new Entry("Account", "/account", Action.ACCOUNT_SELF),
            new Entry("System", "/settings/system", Action.SYSTEM_VIEW));
    private static final List<Entry> ADMIN_PAGES = List.of(
            new Entry("Users", "/settings/users", Action.USERS_VIEW),
            new Entry("Projects", "/settings/projects", Action.PROJECTS_CREATE),
            new Entry("Audit log", "/settings/audit", Action.AUDIT_VIEW_ALL));

    private final Callers callers;
    private final Projects projects;
    private final ProjectAccess access;
    private final AuditTrail audit;

    public Frames(Callers callers, Projects projects, ProjectAccess access, AuditTrail audit) {
        this.callers = callers;
        this.projects = projects;
        this.access = access;
        this.audit = audit;
    }

    /** The frame of an installation page (account, settings). */
    public Frame frame(Context ctx, Caller caller, String title) {
        return frame(ctx, caller, title, Optional.empty());
    }

    /** The frame of a page of the project {@code grant} was given for. */
    public Frame frame(Context ctx, Caller caller, String title, Grant grant) {
        return frame(ctx, caller, title, Optional.of(grant));
    }

    private Frame frame(Context ctx, Caller caller, String title, Optional<Grant> grant) {
        Authenticated session = callers.session(ctx).orElseThrow(() -> ApiError.unauthenticated("sign in first"));
        Set<Action> installation = access.permitted(caller);
        String path = ctx.path();
        List<ProjectLink> switcher = projects.list(caller).stream()
                .map(p -> new ProjectLink(p.project().slug().value(), p.project().name(), p.role().wire())).toList();
        Optional<ProjectLink> current = grant.map(g -> new ProjectLink(g.project().slug().value(), g.project().name(),
                g.role().map(r -> r.wire()).orElse("owner")));
        List<NavLink> projectNav = grant.map(g -> links(PROJECT_PAGES, "/projects/" + g.project().slug().value(),
                g::permits, path)).orElse(List.of());
        return new Frame(title, session.user().displayName(), session.user().email().value(),
                session.session().csrfToken(), switcher, current, projectNav,
                links(SETTINGS_PAGES, "", installation::contains, path),
                links(ADMIN_PAGES, "", installation::contains, path),
                chainAlarm(installation, grant), Optional.empty(), Optional.empty(),
                grant.map(g -> g.project().id().toString()));
    }

    private Optional<ChainAlarm> chainAlarm(Set<Action> installation, Optional<Grant> grant) {
        Optional<VerificationStatus> last = audit.lastVerification();
        if (last.isEmpty() || last.get().outcome() != VerificationReport.Outcome.BROKEN) {
            return Optional.empty();
        }
        Optional<String> href = Optional.empty();
        if (installation.contains(Action.AUDIT_VIEW_ALL)) {
            href = Optional.of("/settings/audit");
        } else if (grant.isPresent() && grant.get().permits(Action.AUDIT_VIEW)) {
            href = Optional.of("/projects/" + grant.get().project().slug().value() + "/audit");
        }
        return Optional.of(new ChainAlarm(last.get().summary(), Format.time(last.get().finishedAt()), href));
    }

    private static List<NavLink> links(List<Entry> entries, String base, Predicate<Action> permitted, String path) {
        List<NavLink> links = new ArrayList<>();
        for (Entry entry : entries) {
            if (permitted.test(entry.action())) {
                String href = base + entry.path();
                boolean current = entry.path().isEmpty() ? path.equals(href) : path.startsWith(href);
                links.add(new NavLink(entry.label(), href.isEmpty() ? "/" : href, current));
            }
        }
        return links;
    }
}
