package dev.z4j.adapter.jdbc.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    private static final Path HOME = Path.of("/srv/z4j-home");

    private static DatabaseUrl parse(String url) {
        return DatabaseUrl.parse(Optional.ofNullable(url), HOME);
    }

    @Test
    void unset_means_sqlite_in_the_home() {
        DatabaseUrl url = parse(null);
        assertThat(url.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/z4j-home/z4j.db");
        assertThat(parse("  ").sqliteFile()).contains(HOME.resolve("z4j.db"));
    }

    @Test
    void sqlite_urls_follow_sqlalchemy_relative_and_absolute_forms() {
        assertThat(parse("sqlite:////var/lib/z4j/z4j.db").sqliteFile()).contains(Path.of("/var/lib/z4j/z4j.db"));
        assertThat(parse("sqlite+aiosqlite:////data/z4j.db").sqliteFile()).contains(Path.of("/data/z4j.db"));
        assertThat(parse("sqlite:///rel/z4j.db").sqliteFile()).contains(Path.of("rel/z4j.db").toAbsolutePath());
        assertThat(parse("jdbc:sqlite:/srv/z4j/x.db").sqliteFile()).contains(Path.of("/srv/z4j/x.db"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://z4j:p%40ss@db.internal:6432/z4j?sslmode=require",
            "postgresql+asyncpg://z4j:p%40ss@db.internal:6432/z4j?sslmode=require",
            "postgres://z4j:p%40ss@db.internal:6432/z4j?sslmode=require"})
    void postgresql_urls_in_upstream_forms(String value) {
        DatabaseUrl url = parse(value);
        assertThat(url.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/z4j?sslmode=require");
        assertThat(url.user()).contains("z4j");
        assertThat(url.password()).contains("p@ss");
        assertThat(url.location()).isEqualTo("db.internal:6432/z4j");
        assertThat(url.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    void jdbc_postgresql_urls_keep_their_parameters_and_default_port() {
        DatabaseUrl url = parse("jdbc:postgresql://db/z4j?user=z4j&password=x");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/z4j?user=z4j&password=x");
        assertThat(url.user()).isEmpty();
    }

    @Test
    void bad_urls_say_what_is_wrong_without_the_password() {
        assertThatThrownBy(() -> parse("mysql://u:secretpw@h/db")).hasMessageContaining("unsupported database URL scheme 'mysql'")
                .hasMessageNotContaining("secretpw");
        assertThatThrownBy(() -> parse("postgresql://u:secretpw@/db")).hasMessageContaining("has no host")
                .hasMessageNotContaining("secretpw");
        assertThatThrownBy(() -> parse("postgresql://u:secretpw@db:5432/")).hasMessageContaining("names no database");
        assertThatThrownBy(() -> parse("sqlite:relative.db")).hasMessageContaining("sqlite:///relative/path.db");
    }
}
