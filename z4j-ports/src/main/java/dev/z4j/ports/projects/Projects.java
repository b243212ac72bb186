package dev.z4j.ports.projects;

import dev.z4j.ports.identity.Caller;
import java.util.List;
import java.util.Optional;

/** In-port: projects as people see and manage them. Creating, changing and archiving is for owners. */
public interface Projects {

    /** Every active project the caller may see, with the caller's role (owners: all, as admin). */
    List<ProjectWithRole> list(Caller caller);

    /** @throws dev.z4j.ports.support.Refusal NOT_FOUND when unknown, archived, or the caller is not a member */
    Project get(Caller caller, String slug);

    /** Creates the project and makes the creating user its admin. */
    Project create(Caller caller, NewProject project);

    Project update(Caller caller, String slug, ProjectChanges changes);

    /** Archives the project (its history stays); the last active project cannot be archived. Owners can restore it
     * with {@link ProjectChanges#active()}. */
    void archive(Caller caller, String slug);

    record NewProject(String slug, String name, Optional<String> description, Optional<String> environment,
                      Optional<String> timezone, Optional<Integer> retentionDays) {
    }

    /** Only the present fields change; {@code active = true} restores an archived project. */
    record ProjectChanges(Optional<String> slug, Optional<String> name, Optional<String> description,
                          Optional<String> environment, Optional<String> timezone, Optional<Integer> retentionDays,
                          Optional<Boolean> active) {
    }
}
