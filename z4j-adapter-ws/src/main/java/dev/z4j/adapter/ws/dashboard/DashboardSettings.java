package dev.z4j.adapter.ws.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@code /ws/dashboard} admits and paces browsers.
 *
 * @param sessionCookie    the session cookie's name (it differs between production and dev)
 * @param allowedHosts     host names (no ports) whose pages may open the socket, as the Host check allows them
 * @param publicUrl        the brain's public URL; a page served from its origin may open the socket too
 * @param pushInterval     at most one push per socket in this time: bursts of changes coalesce into one
 * @param maxQueuedFrames  frames a socket may have waiting to be written; a browser that does not read is dropped
 */
public record DashboardSettings(String sessionCookie, Set<String> allowedHosts, String publicUrl,
                                int maxSocketsPerUser, int maxSubscriptions, Duration subscribeTimeout,
                                Duration pushInterval, Duration pingInterval, int maxQueuedFrames,
                                int maxMessageBytes) {

    public DashboardSettings {
        Objects.requireNonNull(sessionCookie, "sessionCookie");
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
        Objects.requireNonNull(pushInterval, "pushInterval");
        Objects.requireNonNull(pingInterval, "pingInterval");
    }

    /**
     * Upstream's limits (50 sockets per user, subscribe within 10 s), four pushes a second, a ping every 30 s and 64
     * queued frames.
     */
    public static DashboardSettings defaults(String sessionCookie, Set<String> allowedHosts, String publicUrl) {
        return new DashboardSettings(sessionCookie, allowedHosts, publicUrl, 50, 100, Duration.ofSeconds(10),
                Duration.ofMillis(250), Duration.ofSeconds(30), 64, 4096);
    }

    /**
     * Whether a page of this {@code Origin} may open the socket: an http(s) origin whose host is allowed, or the
     * public URL's own origin. No Origin (not a browser, or a browser hiding it) is refused: fail closed.
     */
    public boolean acceptsOrigin(String origin) {
        Optional<URI> parsed = parse(origin);
        if (parsed.isEmpty()) {
            return false;
        }
        URI uri = parsed.get();
        if (allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return parse(publicUrl).map(pub -> origin(pub).equals(origin(uri))).orElse(false);
    }

    private static Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
