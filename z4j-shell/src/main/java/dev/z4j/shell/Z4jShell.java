package dev.z4j.shell;

import dev.z4j.shell.support.CommandThread;
import dev.z4j.shell.support.OperatorContext;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine;

/**
 * The read-run loop of {@code z4j shell}. Each command line runs the same Picocli commands as the {@code z4j}
 * command, on a worker thread, so Ctrl-C can interrupt it while the shell stays; a failing command prints its one
 * line and the prompt comes back. The prompt shows the home, the database and whether a brain holds
 * {@code z4j.lock}, read afresh each time.
 */
final class Z4jShell {

    static final String HISTORY_FILE = "shell-history";
    private static final List<String> LEAVE = List.of("exit", "quit");
    private static final List<String> OUTSIDE_ONLY = List.of("serve", "shell");

    private final OperatorContext context;
    private final Terminal terminal;
    private final PrintWriter out;
    private final CommandLine commands;
    private final LineReader reader;
    private final boolean keepsHistory;
    private volatile CommandThread running;

    Z4jShell(OperatorContext context, Terminal terminal, boolean personAtTerminal) {
        this.context = context;
        this.terminal = terminal;
        this.out = terminal.writer();
        this.commands = Z4jCommands.insideShell(context, new ShellConsole(terminal, personAtTerminal));
        commands.setOut(out);
        commands.setErr(out);
        Path history = context.home().resolve(HISTORY_FILE);
        this.keepsHistory = Files.isDirectory(context.home()) && privateFile(history);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("z4j")
                .parser(new DefaultParser())
                .completer(new CommandCompleter(commands, LEAVE, new ContextCompletions(context)))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000);
        if (keepsHistory) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = builder.build();
    }

    /** Reads and runs command lines until Ctrl-D or {@code exit}; returns 0. */
    int run() {
        if (terminal.getWidth() == 0) {
            terminal.setSize(new Size(120, 40));
        }
        terminal.handle(Terminal.Signal.INT, signal -> cancelRunning());
        banner();
        while (true) {
            try {
                reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                out.println();
                out.flush();
                return 0;
            }
            List<String> words = words(reader.getParsedLine().words());
            if (words.isEmpty() || words.get(0).startsWith("#")) {
                continue;
            }
            if (LEAVE.contains(words.get(0))) {
                return 0;
            }
            execute(words);
        }
    }

    private static List<String> words(List<String> parsed) {
        List<String> words = new ArrayList<>(parsed);
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words.remove(words.size() - 1);
        }
        if (!words.isEmpty() && words.get(0).equals("z4j")) {
            words.remove(0);
        }
        return words;
    }

    private void execute(List<String> words) {
        if (OUTSIDE_ONLY.contains(words.get(0))) {
            out.println("z4j " + words.get(0) + ": not available inside the shell; run `z4j " + words.get(0)
                    + "` from your system shell" + (words.get(0).equals("serve") ? " (or systemctl start z4j)" : ""));
            out.flush();
            return;
        }
        String[] args = words.toArray(String[]::new);
        CommandThread worker = new CommandThread(() -> commands.execute(args));
        running = worker;
        worker.start();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        running = null;
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C while a command runs: it stops at its next safe point (a change it is making completes first). */
    private void cancelRunning() {
        CommandThread worker = running;
        if (worker != null) {
            out.println();
            out.println("(cancelling: the command stops at its next safe point)");
            out.flush();
            worker.cancel();
        }
    }

    private void banner() {
        out.println("z4j shell " + context.version() + ": home " + context.home() + ", database " + database(false)
                + ", " + brain() + ".");
        if (!keepsHistory) {
            out.println("note: " + context.home() + (Files.isDirectory(context.home()) ? " is not writable"
                    : " does not exist yet (`z4j serve` creates it)") + ", so no command history is kept");
        }
        out.println("Type a z4j command without `z4j` (Tab completes), `help [COMMAND]`, or `playbook` for an "
                + "incident. Ctrl-C cancels a command, Ctrl-D or `exit` leaves.");
        out.flush();
    }

    private String prompt() {
        OptionalLong brain = context.runningBrain();
        AttributedStringBuilder prompt = new AttributedStringBuilder()
                .append("z4j ").append(shortHome()).append(" (").append(database(true)).append(", ");
        prompt.style(AttributedStyle.DEFAULT.foreground(brain.isPresent() ? AttributedStyle.GREEN
                : AttributedStyle.YELLOW)).append(brain()).style(AttributedStyle.DEFAULT).append(")> ");
        return prompt.toAnsi(terminal);
    }

    private String brain() {
        OptionalLong pid = context.runningBrain();
        if (pid.isEmpty()) {
            return "brain stopped";
        }
        return pid.getAsLong() > 0 ? "brain running, pid " + pid.getAsLong() : "brain running";
    }

    /** The database from the configuration; a file inside the home is named relative to it in the prompt. */
    private String database(boolean shortened) {
        try {
            String location = context.databaseLocation();
            return shortened ? location.replace(context.home() + File.separator, "") : location;
        } catch (RuntimeException e) {
            return "configuration error (run `check`)";
        }
    }

    private String shortHome() {
        Path home = context.home();
        Path user = Path.of(System.getProperty("user.home"));
        return home.startsWith(user) && !home.equals(user) ? "~" + File.separator + user.relativize(home) : home.toString();
    }

    /** The history holds commands only (never answers or passwords), yet it stays private like the rest of the home. */
    private static boolean privateFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.isWritable(file);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
