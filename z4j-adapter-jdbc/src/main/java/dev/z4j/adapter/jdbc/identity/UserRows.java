package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code users} columns and how a row becomes a {@link User}. */
final class UserRows {

    /** Every column but the password hash, qualified with {@code u.}. */
    static final String COLUMNS = "u.id, u.email, u.display_name, u.is_owner, u.is_active, u.password_changed_at, "
            + "u.last_login_at, u.created_at, u.updated_at";

    private UserRows() {
    }

    static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(Rows.uuid(rs, "id", ctx), EmailAddress.parse(rs.getString("email")),
                rs.getString("display_name"), rs.getBoolean("is_owner"), rs.getBoolean("is_active"),
                Rows.instant(rs, "password_changed_at", ctx), Rows.optionalInstant(rs, "last_login_at", ctx),
                Rows.instant(rs, "created_at", ctx), Rows.instant(rs, "updated_at", ctx));
    }
}
