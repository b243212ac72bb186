package dev.z4j.app.system;

import dev.z4j.ports.system.AllowedHostsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Edits {@code $Z4J_HOME/allowed-hosts}: validates names before writing anything, keeps the operator's comments and
 * order, and writes atomically (temporary file, then rename). Names are stored in lower case, IPv6 in brackets.
 */
public final class AllowedHostsEditor implements AllowedHostsFile {

    private static final List<String> HEADER = List.of(
            "# z4j allowed-hosts: one host name or IP address per line; `#` starts a comment.",
            "# Managed by `z4j allowed-hosts add|remove`. Read when the brain starts: restart it after a change.",
            "");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final Home home;

    public AllowedHostsEditor(Home home) {
        this.home = home;
    }

    @Override
    public Path path() {
        return home.allowedHostsFile();
    }

    @Override
    public List<String> list() {
        return AllowedHosts.readFile(home);
    }

    @Override
    public Change add(List<String> names) {
        List<String> valid = names.stream().map(AllowedHostsEditor::normalise).toList();
        Set<String> present = lowerCased(list());
        List<String> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : new LinkedHashSet<>(valid)) {
            (present.add(name) ? added : skipped).add(name);
        }
        if (!added.isEmpty()) {
            List<String> lines = new ArrayList<>(Files.isRegularFile(path()) ? readLines() : HEADER);
            lines.addAll(added);
            write(lines);
        }
        return new Change(added, skipped);
    }

    @Override
    public Change remove(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                wanted.add(n.contains(":") && !n.startsWith("[") ? "[" + n + "]" : n);
            }
        }
        if (!Files.isRegularFile(path())) {
            return new Change(List.of(), List.copyOf(wanted));
        }
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String line : readLines()) {
            String host = hostOf(line).toLowerCase(Locale.ROOT);
            if (!host.isEmpty() && wanted.contains(host)) {
                if (!removed.contains(host)) {
                    removed.add(host);
                }
            } else {
                kept.add(line);
            }
        }
        if (!removed.isEmpty()) {
            write(kept);
        }
        return new Change(removed, wanted.stream().filter(w -> !removed.contains(w)).toList());
    }

    /**
     * A host name (RFC 1123 labels), an IPv4 address or an IPv6 address, in lower case; IPv6 in brackets.
     *
     * @throws IllegalArgumentException saying what is wrong and what to write instead
     */
    static String normalise(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty host name");
        }
        String quoted = "'" + raw.strip() + "'";
        if (name.contains("://") || name.contains("/")) {
            throw new IllegalArgumentException(quoted + " is a URL; give the host name only (e.g. z4j.example.com)");
        }
        if (name.contains("*")) {
            throw new IllegalArgumentException(quoted + ": wildcards are not supported; add each host name");
        }
        if (name.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '#' || c == ',' || c >= 0x7f)) {
            throw new IllegalArgumentException(quoted + " contains a character no host name has");
        }
        Optional<String> ipv6 = ipv6(name);
        if (ipv6.isPresent()) {
            return ipv6.get();
        }
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException(quoted + " has a port; give the host without it (the Host check "
                    + "ignores ports)");
        }
        if (IPV4.matcher(name).matches()) {
            for (String part : name.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException(quoted + " is not a valid IPv4 address");
                }
            }
            return name;
        }
        String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (host.length() > 253) {
            throw new IllegalArgumentException(quoted + " is longer than the 253 characters a host name may have");
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(quoted + " is not a valid host name (labels of letters, digits "
                        + "and inner hyphens, 1 to 63 characters, separated by dots)");
            }
        }
        return host;
    }

    private static Optional<String> ipv6(String name) {
        String inner = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (inner.chars().filter(c -> c == ':').count() < 2
                || !inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            if (name.startsWith("[")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid IPv6 address");
            }
            return Optional.empty();
        }
        try {
            java.net.InetAddress.getByName("[" + inner + "]");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid IPv6 address");
        }
        return Optional.of("[" + inner + "]");
    }

    private static String hostOf(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    private static Set<String> lowerCased(List<String> hosts) {
        Set<String> lower = new LinkedHashSet<>();
        hosts.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private List<String> readLines() {
        try {
            return Files.readAllLines(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(), e);
        }
    }

    private void write(List<String> lines) {
        home.ensureWritable();
        Path temp = path().resolveSibling(path().getFileName() + ".tmp");
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(), e);
        }
    }
}
