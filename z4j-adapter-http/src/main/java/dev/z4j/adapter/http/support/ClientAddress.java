package dev.z4j.adapter.http.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client's IP address. The socket peer, unless the peer is a trusted proxy: then {@code X-Forwarded-For} is
 * walked right to left and the first hop that is not a trusted proxy wins (all trusted: the leftmost).
 */
public final class ClientAddress {

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(String peer, String forwardedFor) {
        if (trustedProxies.isEmpty() || peer == null || !isTrusted(peer)
                || forwardedFor == null || forwardedFor.isBlank()) {
            return peer == null ? "" : stripZone(peer);
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = stripZone(hops[i].trim());
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return stripZone(hops[0].trim());
    }

    private boolean isTrusted(String address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    private static String stripZone(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }

    /** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
    public record Cidr(byte[] network, int prefixLength) {

        public static Cidr parse(String text) {
            String value = text.trim();
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR network");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' has an invalid prefix length");
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + value + "' has a prefix length out of range");
                }
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(String address) {
            byte[] candidate = literal(stripZone(address));
            if (candidate == null || candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int remaining = prefixLength % 8;
            if (remaining == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remaining);
            return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        /** Parses an IP literal without any DNS lookup; null when it is not one. */
        private static byte[] literal(String address) {
            String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
            boolean ipv4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean ipv6 = a.contains(":") && a.matches("[0-9A-Fa-f:.]+");
            if (!ipv4 && !ipv6) {
                return null;
            }
            try {
                return InetAddress.getByName(a).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
