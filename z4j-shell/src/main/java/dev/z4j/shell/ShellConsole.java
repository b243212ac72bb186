package dev.z4j.shell;

import dev.z4j.shell.support.CommandCancelled;
import dev.z4j.shell.support.OperatorConsole;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Questions asked inside {@code z4j shell} go through a line reader of their own on the shell's terminal: the answers
 * stay out of the command history, Ctrl-C cancels the command that asked, Ctrl-D answers nothing.
 */
final class ShellConsole implements OperatorConsole {

    private static final Character NO_ECHO = (char) 0;

    private final LineReader reader;
    private final boolean personAtTerminal;

    ShellConsole(Terminal terminal, boolean personAtTerminal) {
        this.reader = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.personAtTerminal = personAtTerminal;
    }

    @Override
    public boolean isTerminal() {
        return personAtTerminal;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        return read(prompt, null);
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        return read(prompt, NO_ECHO).map(String::toCharArray);
    }

    private Optional<String> read(String prompt, Character mask) {
        CommandCancelled.throwIfCancelled();
        try {
            return Optional.of(reader.readLine(prompt, mask));
        } catch (UserInterruptException e) {
            throw new CommandCancelled();
        } catch (EndOfFileException e) {
            return Optional.empty();
        }
    }
}
