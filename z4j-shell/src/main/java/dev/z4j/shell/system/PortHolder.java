package dev.z4j.shell.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds a TCP port: a bind test (what {@code z4j serve} will meet), and on Linux the listening process, found
 * the way {@code ss -tlnp} finds it (the socket's inode in {@code /proc/net/tcp*}, then the process owning that
 * inode). Best effort: without root, another user's processes stay anonymous.
 */
final class PortHolder {

    private static final String LISTEN = "0A";
    private static final int MAX_COMMAND = 100;

    private PortHolder() {
    }

    /** Whether {@code z4j serve} could bind {@code host:port} now (SO_REUSEADDR, as the server sets it). */
    static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code pid 4242 (python3 -m http.server 7700)}, when the listening process can be seen. */
    static Optional<String> holder(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Path.of(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (ownsOneOf(process, inodes)) {
                    return Optional.of("pid " + process.getFileName() + commandLine(process).map(c -> " (" + c + ")")
                            .orElse(""));
                }
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        try {
            for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(":" + hexPort) && f[3].equals(LISTEN)) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException e) {
            return inodes;
        }
        return inodes;
    }

    private static boolean ownsOneOf(Path process, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    private static Optional<String> commandLine(Path process) {
        try {
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            if (command.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(command.length() <= MAX_COMMAND ? command : command.substring(0, MAX_COMMAND - 3)
                    + "...");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
