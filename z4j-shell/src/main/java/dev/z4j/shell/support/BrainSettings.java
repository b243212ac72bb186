package dev.z4j.shell.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the configuration says about reaching the brain, for the incident checks: where it listens, the URL people
 * use, the {@code Host} values it accepts, and when a silent agent counts as offline.
 *
 * @param allowedHosts the effective set: loopback names, the home's {@code allowed-hosts}, {@code Z4J_ALLOWED_HOSTS}
 *                     (and this machine's names in dev mode), lower case
 */
public record BrainSettings(String bindHost, int bindPort, String publicUrl, Set<String> allowedHosts,
                            boolean production, Duration agentOfflineTimeout) {

    public BrainSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(publicUrl, "publicUrl");
        allowedHosts = Set.copyOf(allowedHosts);
        Objects.requireNonNull(agentOfflineTimeout, "agentOfflineTimeout");
    }
}
