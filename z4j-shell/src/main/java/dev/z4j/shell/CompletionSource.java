package dev.z4j.shell;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The values {@code z4j shell} completes, read when Tab is pressed (never cached: the brain may change them). */
interface CompletionSource {

    List<String> emails();

    List<String> projectSlugs();

    List<AgentName> agents();

    record AgentName(String name, UUID id, String projectSlug) {
        public AgentName {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(projectSlug, "projectSlug");
        }
    }
}
