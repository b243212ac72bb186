package dev.z4j.ports.projects;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: projects. */
public interface ProjectStore {

    /** @throws DuplicateSlugException when the slug is taken (by an archived project too) */
    void insert(Project project);

    /** Active or archived. */
    Optional<Project> findBySlug(ProjectSlug slug);

    Optional<Project> findById(UUID id);

    /** Active projects, by slug. */
    List<Project> listActive(int limit);

    /** Writes every field but id and createdAt. @throws DuplicateSlugException when renamed onto a taken slug */
    void update(Project project);

    int countActive();

    final class DuplicateSlugException extends RuntimeException {
        public DuplicateSlugException(ProjectSlug slug) {
            super("a project with slug '" + slug + "' already exists", null, false, false);
        }
    }
}
