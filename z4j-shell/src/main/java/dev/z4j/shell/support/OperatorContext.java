package dev.z4j.shell.support;

import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import java.io.Console;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The in-ports operator commands use. Implementations open the database lazily on first use, because some commands
 * ({@code version}) never need it and others must report a failure to open it as a check result. An accessor
 * throws an exception whose message is one operator-readable line when the home, configuration or database is
 * unusable.
 */
public interface OperatorContext {

    String version();

    /** Problems with the configuration that do not stop the command (unknown settings); printed as warnings. */
    List<String> configurationWarnings();

    /** Validates the configuration and secrets; returns a one-line description such as the secret's key id. */
    String validateConfiguration();

    SystemHealth health();

    /** User administration against the database (the schema must be current). */
    UserAdministration users();

    /** The first-boot setup against the database (the schema must be current). */
    FirstBoot firstBoot();

    /** The operator running this command, as the audit log names them (actor {@code cli}, the OS user). */
    Caller operator();

    /** Standard input, for secrets piped in ({@code --password-stdin}). */
    InputStream stdin();

    /** The terminal, when both standard input and output are one (prompts without echo). */
    Optional<Console> console();

    /** The audit chain: verify, checkpoint, search. */
    AuditTrail audit();

    /** {@code rotate-secret}: replaces {@code Z4J_SECRET} in the home's secret store. */
    SecretRotation secretRotation();
}
