package dev.z4j.shell.support;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a new password for a command: prompted twice without echo on a terminal, or one line from standard input
 * when it is not a terminal or {@code --password-stdin} asks for it. A password never comes from the command line,
 * where it would land in the shell history and the process list.
 */
public final class PasswordInput {

    private PasswordInput() {
    }

    /** @throws CommandFailure exit 2 when nothing usable was given or the two entries differ */
    public static String read(OperatorConsole console, boolean fromStdin) {
        if (!fromStdin && console.isTerminal()) {
            char[] first = console.readSecret("New password: ").orElse(null);
            char[] second = first == null || first.length == 0 ? null : console.readSecret("Repeat it: ").orElse(null);
            try {
                if (first == null || second == null || first.length == 0) {
                    throw new CommandFailure(2, "no password entered");
                }
                if (!Arrays.equals(first, second)) {
                    throw new CommandFailure(2, "the two passwords do not match; nothing was changed");
                }
                return new String(first);
            } finally {
                wipe(first);
                wipe(second);
            }
        }
        Optional<char[]> line = console.readSecret(console.isTerminal() ? "Password: " : "");
        if (line.isEmpty() || line.get().length == 0) {
            throw new CommandFailure(2, "no password on standard input (pipe one line, e.g. "
                    + "`printf '%s\\n' \"$PW\" | z4j ... --password-stdin`)");
        }
        try {
            return new String(line.get());
        } finally {
            wipe(line.get());
        }
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
