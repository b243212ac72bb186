package dev.z4j.adapter.http;

import dev.z4j.adapter.http.support.ClientAddress.Cidr;
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
 */
public record HttpSettings(Set<String> allowedHosts, List<Cidr> trustedProxies, long maxBodyBytes,
                           long hstsMaxAgeSeconds, boolean production, String publicUrl) {
    public HttpSettings {
        allowedHosts = Set.copyOf(allowedHosts);
        trustedProxies = List.copyOf(trustedProxies);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }
}
