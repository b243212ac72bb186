package dev.z4j.adapter.http.support;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dashboard's page frame ({@code page.jte}) shows around a page: who is signed in, the project switcher, the
 * navigation the caller's role allows, the audit alarm when the chain is broken, and a one-line notice or error.
 *
 * @param csrfToken   the session's CSRF token, echoed by every form ({@code _csrf}) and htmx request
 * @param project     the project this page belongs to, when it belongs to one
 * @param projectNav  the project's pages the caller may open (empty outside a project)
 * @param settingsNav the caller's own pages and the brain's state
 * @param adminNav    the installation's administration pages the caller may open (owners)
 * @param chainAlarm  the last verification's summary when it found the audit chain broken
 * @param liveProject the project id whose changes {@code /ws/dashboard} should push to this page
 */
public record Frame(String title, String userName, String userEmail, String csrfToken, List<ProjectLink> projects,
                    Optional<ProjectLink> project, List<NavLink> projectNav, List<NavLink> settingsNav,
                    List<NavLink> adminNav, Optional<ChainAlarm> chainAlarm, Optional<String> notice,
                    Optional<String> error, Optional<String> liveProject) {

    public Frame {
        Objects.requireNonNull(title, "title");
        projects = List.copyOf(projects);
        projectNav = List.copyOf(projectNav);
        settingsNav = List.copyOf(settingsNav);
        adminNav = List.copyOf(adminNav);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(chainAlarm, "chainAlarm");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(liveProject, "liveProject");
    }

    /** The same frame with a success notice (shown once, after a redirect). */
    public Frame withNotice(String text) {
        return new Frame(title, userName, userEmail, csrfToken, projects, project, projectNav, settingsNav,
                adminNav, chainAlarm, Optional.ofNullable(text), error, liveProject);
    }

    /** The same frame with an error (a refused form). */
    public Frame withError(String text) {
        return new Frame(title, userName, userEmail, csrfToken, projects, project, projectNav, settingsNav,
                adminNav, chainAlarm, notice, Optional.ofNullable(text), liveProject);
    }

    /** A project in the switcher, with the caller's role in it. */
    public record ProjectLink(String slug, String name, String role) {
    }

    /** A navigation entry; {@code current} marks the page being shown. */
    public record NavLink(String label, String href, boolean current) {
    }

    /**
     * The audit chain failed its last verification.
     *
     * @param auditHref where the caller can read the log, when they may
     */
    public record ChainAlarm(String summary, String verifiedAt, Optional<String> auditHref) {
    }
}
