package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.system.Home;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.Projects.NewProject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A home prepared for an incident: secrets, a migrated SQLite database, an owner and a project, and in-process access
 * to its in-ports (the same wiring the CLI uses) to set the scene before the real {@code z4j} process runs on it.
 */
final class IncidentHome implements AutoCloseable {

    static final String OWNER = "olivia@example.test";
    static final String PASSWORD = "violet-harbour-lantern-7";
    static final Caller OPERATOR = Caller.cli("test");

    final Path home;
    final Z4jProcess z4j;
    private Wiring wiring;

    IncidentHome(Path home) {
        this.home = OpsHomes.migrated(home);
        this.z4j = Z4jProcess.inHome(home);
        Z4jProcess.Result created = z4j.stdin(PASSWORD + "\n").run("createsuperuser", "--email", OWNER,
                "--display-name", "Olivia Owner", "--password-stdin");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        z4j.stdin("");
    }

    /** The home's own wiring, opened on first use (the same stores and services as the CLI). */
    Wiring wiring() {
        if (wiring == null) {
            Map<String, String> env = Map.of("Z4J_HOME", home.toString(), "Z4J_ARGON2_MEMORY_KIB", "8192",
                    "Z4J_ARGON2_ITERATIONS", "1", "Z4J_ARGON2_PARALLELISM", "1");
            Home h = new Home(home);
            wiring = Wiring.open(Z4jConfig.from(Settings.load(env, h), h), Clock.systemUTC(), Actor.cli("test"));
        }
        return wiring;
    }

    Project project(String slug) {
        return wiring().projects.create(OPERATOR, new NewProject(slug, "Project " + slug, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    MintedCredential agent(String projectSlug, String name) {
        return wiring().agents.mint(OPERATOR, projectSlug, name);
    }

    /** An audit row as an agent's token would leave it: actor agent, its project, the address it came from. */
    void agentActed(MintedCredential agent, String action, String target, String sourceIp) {
        wiring().audit.record(AuditEntry.of(Actor.agent(agent.agent().id()), action, target.substring(0,
                target.indexOf(':')), target.substring(target.indexOf(':') + 1))
                .withProject(agent.agent().projectId()).withRequest(sourceIp, "z4j-agent/2.1"));
    }

    long count(String sql) {
        return OpsHomes.queryLong(home.resolve("z4j.db"), sql);
    }

    /** Every audit row as stored, one line each: to prove a declined playbook changed nothing. */
    String auditRows() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT seq, action, result, metadata, row_hmac FROM audit_log "
                     + "ORDER BY seq")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                        .append(' ').append(rs.getString(4)).append(' ').append(rs.getString(5)).append('\n');
            }
            return rows.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as someone with write access to the file would, the audit log's append-only triggers removed. */
    void attacker(String... statements) {
        String[] all = new String[statements.length + 2];
        all[0] = "DROP TRIGGER IF EXISTS audit_log_no_update";
        all[1] = "DROP TRIGGER IF EXISTS audit_log_no_delete";
        System.arraycopy(statements, 0, all, 2, statements.length);
        OpsHomes.execute(home.resolve("z4j.db"), all);
    }

    @Override
    public void close() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
