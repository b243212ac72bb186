package dev.z4j.shell.support;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console of the {@code z4j} command: the process's terminal when both standard input and output are one,
 * otherwise lines of standard input (read through one buffer, so a script can pipe several answers).
 */
public final class StandardConsole implements OperatorConsole {

    private final Console terminal;
    private final BufferedReader stdin;
    private final PrintStream out;

    /**
     * @param terminal {@code System.console()}: null when input or output is not a terminal
     * @param out      where prompts go when there is no terminal
     */
    public StandardConsole(Console terminal, InputStream stdin, PrintStream out) {
        this.terminal = terminal;
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public boolean isTerminal() {
        return terminal != null;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        if (terminal != null) {
            return Optional.ofNullable(terminal.readLine("%s", prompt));
        }
        out.print(prompt);
        out.flush();
        return stdinLine();
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        if (terminal != null) {
            return Optional.ofNullable(terminal.readPassword("%s", prompt));
        }
        return stdinLine().map(String::toCharArray);
    }

    private Optional<String> stdinLine() {
        try {
            return Optional.ofNullable(stdin.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
