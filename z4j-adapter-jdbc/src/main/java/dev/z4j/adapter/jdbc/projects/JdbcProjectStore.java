package dev.z4j.adapter.jdbc.projects;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.projects.ProjectStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/** Projects in table {@code projects}. */
public final class JdbcProjectStore implements ProjectStore {

    private final Database database;

    public JdbcProjectStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Project project) {
        try {
            database.write(h -> bindValues(h.createUpdate("INSERT INTO projects (id, slug, name, description, "
                            + "environment, timezone, retention_days, is_active, created_at, updated_at) VALUES (:id, "
                            + ":slug, :name, :description, :environment, :timezone, :retention, :active, :created, "
                            + ":updated)"), project)
                    .bind("created", project.createdAt())
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            throw translate(e, project.slug());
        }
    }

    @Override
    public Optional<Project> findBySlug(ProjectSlug slug) {
        return database.read(h -> h.createQuery("SELECT " + ProjectRows.COLUMNS + " FROM projects p WHERE p.slug = :slug")
                .bind("slug", slug.value()).map(ProjectRows::map).findOne());
    }

    @Override
    public Optional<Project> findById(UUID id) {
        return database.read(h -> h.createQuery("SELECT " + ProjectRows.COLUMNS + " FROM projects p WHERE p.id = :id")
                .bind("id", id).map(ProjectRows::map).findOne());
    }

    @Override
    public List<Project> listActive(int limit) {
        return database.read(h -> h.createQuery("SELECT " + ProjectRows.COLUMNS
                        + " FROM projects p WHERE p.is_active = :yes ORDER BY p.slug LIMIT :limit")
                .bind("yes", true).bind("limit", limit).map(ProjectRows::map).list());
    }

    @Override
    public void update(Project project) {
        try {
            database.write(h -> bindValues(h.createUpdate("UPDATE projects SET slug = :slug, name = :name, "
                            + "description = :description, environment = :environment, timezone = :timezone, "
                            + "retention_days = :retention, is_active = :active, updated_at = :updated WHERE id = :id"),
                    project).execute());
        } catch (UnableToExecuteStatementException e) {
            throw translate(e, project.slug());
        }
    }

    @Override
    public int countActive() {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM projects WHERE is_active = :yes")
                .bind("yes", true).mapTo(Integer.class).one());
    }

    private static Update bindValues(Update update, Project project) {
        return update.bind("id", project.id())
                .bind("slug", project.slug().value())
                .bind("name", project.name())
                .bind("description", project.description().orElse(null))
                .bind("environment", project.environment())
                .bind("timezone", project.timezone())
                .bind("retention", project.retentionDays())
                .bind("active", project.active())
                .bind("updated", project.updatedAt());
    }

    private static RuntimeException translate(UnableToExecuteStatementException e, ProjectSlug slug) {
        return Rows.isUniqueViolation(e) ? new DuplicateSlugException(slug) : e;
    }
}
