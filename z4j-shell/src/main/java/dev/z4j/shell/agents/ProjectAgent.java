package dev.z4j.shell.agents;

import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An agent with the slug of its project: what the operator commands name and look up by name or id. */
record ProjectAgent(String projectSlug, AgentView view) {

    ProjectAgent {
        Objects.requireNonNull(projectSlug, "projectSlug");
        Objects.requireNonNull(view, "view");
    }

    String name() {
        return view.agent().name();
    }

    UUID id() {
        return view.agent().id();
    }

    /** Every agent of every active project (or of one), oldest first per project. */
    static List<ProjectAgent> all(OperatorContext context, Optional<String> projectSlug) {
        List<ProjectAgent> agents = new ArrayList<>();
        List<String> slugs = projectSlug.map(List::of).orElseGet(() -> context.projects().list(context.operator())
                .stream().map(p -> p.project().slug().value()).toList());
        for (String slug : slugs) {
            context.agents().list(context.operator(), slug).forEach(view -> agents.add(new ProjectAgent(slug, view)));
        }
        return agents;
    }

    /**
     * The one agent named {@code nameOrId} (its name, or its id), in {@code projectSlug} when given.
     *
     * @throws CommandFailure exit 1 when there is none, 2 when a name is used in several projects
     */
    static ProjectAgent find(OperatorContext context, String nameOrId, Optional<String> projectSlug) {
        List<ProjectAgent> agents = all(context, projectSlug);
        List<ProjectAgent> matches = agents.stream().filter(a -> a.id().toString().equalsIgnoreCase(nameOrId))
                .toList();
        if (matches.isEmpty()) {
            matches = agents.stream().filter(a -> a.name().equals(nameOrId)).toList();
        }
        if (matches.isEmpty()) {
            throw new CommandFailure(1, "no agent named or with id '" + nameOrId + "'" + projectSlug.map(s -> " in "
                    + "project " + s).orElse("") + " (see z4j agents list)");
        }
        if (matches.size() > 1) {
            throw new CommandFailure(2, "agents named '" + nameOrId + "' exist in projects " + String.join(", ",
                    matches.stream().map(ProjectAgent::projectSlug).toList()) + ": add --project SLUG, or give the id");
        }
        return matches.get(0);
    }

    /**
     * The connection state as recorded, judged against the offline timeout: a brain that stopped cannot mark its agents
     * offline, so an "online" agent silent for longer is shown as stale.
     */
    String connection(Instant now, Duration offlineTimeout) {
        AgentState state = view.status().state();
        Optional<Instant> seen = view.status().lastSeenAt();
        if (state == AgentState.ONLINE && seen.map(t -> Duration.between(t, now).compareTo(offlineTimeout) > 0)
                .orElse(true)) {
            return "stale (recorded online, silent " + seen.map(t -> ago(Duration.between(t, now))).orElse("?") + ")";
        }
        return state == AgentState.UNKNOWN ? "never connected" : state.wire();
    }

    String lastSeen(Instant now) {
        return view.status().lastSeenAt().map(t -> UtcTime.seconds(t) + " (" + ago(Duration.between(t, now))
                + " ago)").orElse("never");
    }

    String credential() {
        return view.credentialIssuedAt().map(t -> "generation " + view.agent().credentialGeneration() + ", issued "
                + UtcTime.seconds(t)).orElse("REVOKED");
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            return s / 3600 + " h";
        }
        return String.format(Locale.ROOT, "%d days", s / 86400);
    }
}
