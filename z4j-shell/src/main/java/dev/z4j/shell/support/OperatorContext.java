package dev.z4j.shell.support;

import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.audit.AuditInspection;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.identity.UserSessions;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.system.AllowedHostsFile;
import dev.z4j.ports.system.AuditEvidence;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseRestore;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.RestoreDrill;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The in-ports operator commands use. Implementations open the database lazily on first use, because some commands
 * ({@code version}, {@code allowed-hosts}) never need it, others must report a failure to open it as a check result,
 * and {@code restore} must look at the lock before anything opens the live database. An accessor throws an exception
 * whose message is one operator-readable line when the home, configuration or database is unusable.
 */
public interface OperatorContext {

    String version();

    /** {@code $Z4J_HOME}, whether or not it exists yet. */
    Path home();

    /**
     * Where the database is, from the configuration and without opening it: {@code sqlite /srv/z4j/z4j.db} or
     * {@code postgresql db.internal:5432/z4j} (never credentials).
     */
    String databaseLocation();

    /** Where the brain listens, its public URL and the hosts it accepts, from the configuration. */
    BrainSettings brainSettings();

    /** Problems with the configuration that do not stop the command (unknown settings); printed as warnings. */
    List<String> configurationWarnings();

    /** Validates the configuration and secrets; returns a one-line description such as the secret's key id. */
    String validateConfiguration();

    /**
     * What {@code doctor} warns about in the configuration: dev mode on a non-loopback bind, a {@code secret.env}
     * others can read. One line each.
     */
    List<String> configurationAdvice();

    /** The pid of the brain holding this home's {@code z4j.lock}, if one is running. */
    OptionalLong runningBrain();

    SystemHealth health();

    DatabaseBackups backups();

    DatabaseRestore restore();

    Migrations migrations();

    RestoreDrill drill();

    AuditEvidence evidence();

    AllowedHostsFile allowedHosts();

    /** User administration against the database (the schema must be current). */
    UserAdministration users();

    /** The first-boot setup against the database (the schema must be current). */
    FirstBoot firstBoot();

    /** A user's sessions (the schema must be current). */
    UserSessions sessions();

    /** The projects (the schema must be current). */
    Projects projects();

    /** Agents and their credentials: list, revoke, rotate (the schema must be current). */
    AgentCredentials agents();

    /** The operator running this command, as the audit log names them (actor {@code cli}, the OS user). */
    Caller operator();

    /** The audit chain: verify, checkpoint, search. */
    AuditTrail audit();

    /** One audit row and its neighbours, each checked alone. */
    AuditInspection auditInspection();

    /** {@code rotate-secret}: replaces {@code Z4J_SECRET} in the home's secret store. */
    SecretRotation secretRotation();
}
