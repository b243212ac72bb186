package dev.z4j.shell.support;

import java.util.Optional;

/**
 * How a command asks the person running it something: a question, a confirmation, a password. The {@code z4j}
 * command reads the process's terminal (or standard input when there is none); {@code z4j shell} reads through its
 * line editor, so a question inside a command and the shell's own prompt never compete for the keyboard.
 */
public interface OperatorConsole {

    /** Whether a person at a terminal answers; false when input is piped (scripts). */
    boolean isTerminal();

    /**
     * Prints {@code prompt} and reads one line: typed at the terminal, or the next line of standard input.
     *
     * @return empty at the end of input
     * @throws CommandCancelled when the operator pressed Ctrl-C
     */
    Optional<String> readLine(String prompt);

    /**
     * Reads one line without echoing it (passwords). On a terminal {@code prompt} is shown; from standard input it is
     * not.
     *
     * @return empty at the end of input
     * @throws CommandCancelled when the operator pressed Ctrl-C
     */
    Optional<char[]> readSecret(String prompt);
}
