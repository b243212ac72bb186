package dev.z4j.adapter.jdbc.projects;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.ProjectWithRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Memberships in table {@code memberships}. */
public final class JdbcMembershipStore implements MembershipStore {

    private static final String COLUMNS = "m.id AS m_id, m.user_id AS m_user_id, m.project_id AS m_project_id, "
            + "m.role AS m_role, m.created_at AS m_created_at, m.updated_at AS m_updated_at";

    private final Database database;

    public JdbcMembershipStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Membership membership) {
        try {
            database.write(h -> h.createUpdate("INSERT INTO memberships (id, user_id, project_id, role, created_at, "
                            + "updated_at) VALUES (:id, :user, :project, :role, :created, :updated)")
                    .bind("id", membership.id())
                    .bind("user", membership.userId())
                    .bind("project", membership.projectId())
                    .bind("role", membership.role().wire())
                    .bind("created", membership.createdAt())
                    .bind("updated", membership.updatedAt())
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (Rows.isUniqueViolation(e)) {
                throw new DuplicateMembershipException();
            }
            throw e;
        }
    }

    @Override
    public Optional<Membership> findById(UUID id) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM memberships m WHERE m.id = :id")
                .bind("id", id).map(JdbcMembershipStore::map).findOne());
    }

    @Override
    public Optional<Membership> find(UUID userId, UUID projectId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM memberships m WHERE m.user_id = :user AND m.project_id = :project")
                .bind("user", userId).bind("project", projectId).map(JdbcMembershipStore::map).findOne());
    }

    @Override
    public List<Member> listForProject(UUID projectId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + ", u.email, u.display_name FROM memberships m "
                        + "JOIN users u ON u.id = m.user_id WHERE m.project_id = :project ORDER BY u.email")
                .bind("project", projectId)
                .map((rs, ctx) -> new Member(map(rs, ctx), EmailAddress.parse(rs.getString("email")),
                        rs.getString("display_name")))
                .list());
    }

    @Override
    public List<ProjectWithRole> listForUser(UUID userId) {
        return database.read(h -> h.createQuery("SELECT " + ProjectRows.COLUMNS + ", m.role AS m_role FROM memberships m "
                        + "JOIN projects p ON p.id = m.project_id WHERE m.user_id = :user AND p.is_active = :yes "
                        + "ORDER BY p.slug")
                .bind("user", userId).bind("yes", true)
                .map((rs, ctx) -> new ProjectWithRole(ProjectRows.map(rs, ctx), ProjectRole.fromWire(rs.getString("m_role"))))
                .list());
    }

    @Override
    public void updateRole(UUID id, ProjectRole role, Instant at) {
        database.write(h -> h.createUpdate("UPDATE memberships SET role = :role, updated_at = :at WHERE id = :id")
                .bind("id", id).bind("role", role.wire()).bind("at", at).execute());
    }

    @Override
    public boolean delete(UUID id) {
        return database.write(h -> h.createUpdate("DELETE FROM memberships WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public int countActiveAdminsForUpdate(UUID projectId) {
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE OF m" : "";
        return database.write(h -> h.createQuery("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id "
                        + "WHERE m.project_id = :project AND m.role = 'admin' AND u.is_active = :yes" + lock)
                .bind("project", projectId).bind("yes", true).mapTo(UUID.class).list()).size();
    }

    private static Membership map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Membership(Rows.uuid(rs, "m_id", ctx), Rows.uuid(rs, "m_user_id", ctx),
                Rows.uuid(rs, "m_project_id", ctx), ProjectRole.fromWire(rs.getString("m_role")),
                Rows.instant(rs, "m_created_at", ctx), Rows.instant(rs, "m_updated_at", ctx));
    }
}
