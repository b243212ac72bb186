package dev.z4j.domain.testing;

import dev.z4j.domain.support.AccessPolicy;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectSlug;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Projects and memberships in memory, authorized by the real policy. */
public final class FakeProjects implements ProjectAccess {

    private final Map<String, Project> bySlug = new HashMap<>();
    private final Map<UUID, Map<UUID, ProjectRole>> roles = new HashMap<>();

    public UUID add(String slug) {
        Project project = new Project(UUID.randomUUID(), ProjectSlug.parse(slug), slug, Optional.empty(), "production",
                "UTC", 30, true, Instant.EPOCH, Instant.EPOCH);
        bySlug.put(slug, project);
        return project.id();
    }

    public void grant(UUID userId, String slug, ProjectRole role) {
        roles.computeIfAbsent(userId, u -> new HashMap<>()).put(bySlug.get(slug).id(), role);
    }

    @Override
    public Grant authorize(Caller caller, String slug, Action action) {
        Optional<Project> project = Optional.ofNullable(bySlug.get(slug));
        Optional<ProjectRole> role = project.flatMap(p -> caller.user()
                .map(u -> roles.getOrDefault(u.userId(), Map.of()).get(p.id())));
        Optional<AccessPolicy.Standing> standing = project.map(p -> new AccessPolicy.Standing(p.id(), role));
        AccessPolicy.decide(caller.principal(), standing, action).orThrow("project '" + slug + "'");
        return new Grant(project.orElseThrow(), role,
                AccessPolicy.permitted(caller.principal(), standing, Action.Scope.PROJECT));
    }

    @Override
    public Set<Action> permitted(Caller caller) {
        return AccessPolicy.permitted(caller.principal(), Optional.empty(), Action.Scope.INSTALLATION);
    }

    @Override
    public void require(Caller caller, Action action) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), action).orThrow("installation");
    }
}
