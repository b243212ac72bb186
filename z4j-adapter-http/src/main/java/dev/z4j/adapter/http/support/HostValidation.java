package dev.z4j.adapter.http.support;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Host} header check. The allowed set holds lower-case host names and IP literals without ports
 * (IPv6 in brackets). A missing header passes (HTTP/1.0); a malformed one never does.
 */
public final class HostValidation {

    private final Set<String> allowed;

    public HostValidation(Set<String> allowed) {
        this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    public boolean accepts(String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        return hostOf(hostHeader).map(allowed::contains).orElse(false);
    }

    /** The host part of a {@code Host} header, lower-cased and without port; empty when malformed. */
    public static Optional<String> hostOf(String header) {
        String value = header.strip();
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x21 || c == 0x7F || c == '/' || c == '\\'
                || c == '@' || c == '?' || c == '#')) {
            return Optional.empty();
        }
        String host;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !isPort(rest)) {
                return Optional.empty();
            }
            host = value.substring(0, close + 1);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0) {
                if (!isPort(value.substring(colon)) || value.indexOf(':') != colon) {
                    return Optional.empty();
                }
                host = value.substring(0, colon);
            } else {
                host = value;
            }
            if (host.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(host.toLowerCase(Locale.ROOT));
    }

    private static boolean isPort(String colonAndDigits) {
        return colonAndDigits.length() > 1 && colonAndDigits.length() <= 6 && colonAndDigits.charAt(0) == ':'
                && colonAndDigits.substring(1).chars().allMatch(Character::isDigit);
    }
}
