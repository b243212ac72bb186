package dev.z4j.adapter.jdbc.projects;

import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectSlug;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code projects} columns and how a row becomes a {@link Project}. */
final class ProjectRows {

    /** Every column, qualified with {@code p.}. */
    static final String COLUMNS = "p.id, p.slug, p.name, p.description, p.environment, p.timezone, p.retention_days, "
            + "p.is_active, p.created_at, p.updated_at";

    private ProjectRows() {
    }

    static Project map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Project(Rows.uuid(rs, "id", ctx), new ProjectSlug(rs.getString("slug")), rs.getString("name"),
                Optional.ofNullable(rs.getString("description")), rs.getString("environment"),
                rs.getString("timezone"), rs.getInt("retention_days"), rs.getBoolean("is_active"),
                Rows.instant(rs, "created_at", ctx), Rows.instant(rs, "updated_at", ctx));
    }
}
