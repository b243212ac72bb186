package dev.z4j.shell.support;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password for a command: prompted twice without echo on a terminal, or one line from standard input
 * when it is not a terminal or {@code --password-stdin} asks for it. A password never comes from the command line,
 * where it would land in the shell history and the process list.
 */
public final class PasswordInput {

    private PasswordInput() {
    }

    /** @throws CommandFailure exit 2 when nothing usable was given or the two entries differ */
    public static String read(OperatorContext context, boolean fromStdin) {
        if (!fromStdin && context.console().isPresent()) {
            Console console = context.console().get();
            char[] first = console.readPassword("New password: ");
            char[] second = console.readPassword("Repeat it: ");
            try {
                if (first == null || second == null || first.length == 0) {
                    throw new CommandFailure(2, "no password entered");
                }
                if (!Arrays.equals(first, second)) {
                    throw new CommandFailure(2, "the two passwords do not match; nothing was changed");
                }
                return new String(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
        try {
            String line = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CommandFailure(2, "no password on standard input (pipe one line, e.g. "
                        + "`printf '%s\\n' \"$PW\" | z4j ... --password-stdin`)");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
