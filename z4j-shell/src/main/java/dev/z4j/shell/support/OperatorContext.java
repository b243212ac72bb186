package dev.z4j.shell.support;

import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import java.util.List;

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

    /** The audit chain: verify, checkpoint, search. */
    AuditTrail audit();

    /** {@code rotate-secret}: replaces {@code Z4J_SECRET} in the home's secret store. */
    SecretRotation secretRotation();
}
