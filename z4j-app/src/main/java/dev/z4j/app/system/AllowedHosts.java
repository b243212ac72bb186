package dev.z4j.app.system;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} values the brain accepts: the loopback names always; in dev mode also this machine's host names;
 * the hosts persisted in {@code $Z4J_HOME/allowed-hosts}; and {@code Z4J_ALLOWED_HOSTS}.
 */
public final class AllowedHosts {

    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private AllowedHosts() {
    }

    /** 127.0.0.1 and the rest of 127/8, ::1, localhost. */
    public static boolean isLoopback(String host) {
        return LOOPBACK.contains(host) || host.equals("::1") || host.startsWith("127.");
    }

    public static Set<String> effective(Z4jConfig config) {
        Set<String> hosts = new LinkedHashSet<>(LOOPBACK);
        if (!config.production()) {
            hosts.addAll(machineNames());
            if (!config.bindHost().equals("0.0.0.0") && !config.bindHost().equals("::")) {
                hosts.add(config.bindHost());
            }
        }
        hosts.addAll(readFile(config.home()));
        config.allowedHosts().ifPresent(hosts::addAll);
        Set<String> normalised = new LinkedHashSet<>();
        for (String host : hosts) {
            String h = host.strip().toLowerCase(Locale.ROOT);
            if (h.contains(":") && !h.startsWith("[")) {
                h = "[" + h + "]";
            }
            if (!h.isEmpty()) {
                normalised.add(h);
            }
        }
        return normalised;
    }

    /** The persisted hosts: one per line, {@code #} starts a comment, duplicates removed (case-insensitive). */
    public static List<String> readFile(Home home) {
        if (!Files.isRegularFile(home.allowedHostsFile())) {
            return List.of();
        }
        try {
            List<String> hosts = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (String line : Files.readAllLines(home.allowedHostsFile(), StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String host = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!host.isEmpty() && seen.add(host.toLowerCase(Locale.ROOT))) {
                    hosts.add(host);
                }
            }
            return hosts;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + home.allowedHostsFile() + ": " + e.getMessage());
        }
    }

    private static List<String> machineNames() {
        List<String> names = new ArrayList<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getHostAddress());
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            if (env != null) {
                names.add(env);
            }
        }
        return names;
    }
}
