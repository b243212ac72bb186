package dev.z4j.adapter.http;

import dev.z4j.adapter.http.support.ClientAddress.Cidr;
import dev.z4j.adapter.http.system.MetricsToken;
import java.util.List;
import java.util.Set;

/**
 * What the HTTP adapter needs from the configuration.
 *
 * @param allowedHosts       accepted {@code Host} values (lower case, no port, IPv6 in brackets)
 * @param trustedProxies     peers whose {@code X-Forwarded-For} is believed
 * @param maxBodyBytes       largest request body accepted (413 above)
 * @param hstsMaxAgeSeconds  HSTS max-age, 0 in dev mode
 * @param production         production mode: secure {@code __Host-} cookies
 * @param publicUrl          the brain's public base URL
 * @param ownBodyLimits      paths whose handlers read and limit their bodies themselves (the agents' long-poll
 *                           POST carries batches far above {@code maxBodyBytes})
 * @param metricsToken       the bearer {@code /metrics} requires
 */
public record HttpSettings(Set<String> allowedHosts, List<Cidr> trustedProxies, long maxBodyBytes,
                           long hstsMaxAgeSeconds, boolean production, String publicUrl, Set<String> ownBodyLimits,
                           MetricsToken metricsToken) {
    public HttpSettings {
        allowedHosts = Set.copyOf(allowedHosts);
        ownBodyLimits = Set.copyOf(ownBodyLimits);
        trustedProxies = List.copyOf(trustedProxies);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }
}
