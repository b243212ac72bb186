package dev.z4j.shell.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * One run of an incident playbook: numbered steps, one line per finding, a question before every change, and the
 * change made by running the {@code z4j} command it names (so its checks, output and audit row are the command's
 * own). Exit code: 0 when no problem found remains open, 1 when one does.
 */
public final class Playbook {

    private final String name;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OperatorConsole console;
    private final CommandRunner runner;
    private final PlaybookOptions options;
    private final List<Finding> problems = new ArrayList<>();
    private int steps;

    /** A problem the playbook found; open until a change (or a later check) resolves it. */
    public static final class Finding {
        private final String text;
        private boolean resolved;

        private Finding(String text) {
            this.text = text;
        }

        public void resolve() {
            resolved = true;
        }

        public boolean resolved() {
            return resolved;
        }
    }

    /**
     * @param name     the playbook's name, as in {@code z4j playbook <name>}
     * @param headline what it is about, printed first
     */
    public Playbook(String name, String headline, CommandLine.Model.CommandSpec spec, OperatorConsole console,
                    CommandRunner runner, PlaybookOptions options) {
        if (options.yes && options.no) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--yes and --no exclude each other");
        }
        this.name = name;
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.console = console;
        this.runner = runner;
        this.options = options;
        out.println("z4j playbook " + name + ": " + headline);
        out.flush();
    }

    public void step(String title) {
        out.println();
        out.println("Step " + (++steps) + ": " + title);
        out.flush();
    }

    public void ok(String finding) {
        line("ok", finding);
    }

    public Finding problem(String finding) {
        line("FAIL", finding);
        Finding f = new Finding(finding);
        problems.add(f);
        return f;
    }

    public void note(String text) {
        line("note", text);
    }

    /** A line of another command's report, shown as that command prints it. */
    public void output(String text) {
        line("", text);
    }

    /** Something only the operator can do (on another machine, in a log the brain cannot read). */
    public void todo(String text) {
        line("todo", text);
    }

    /**
     * Asks before a change. {@code --yes} answers yes and {@code --no} no without asking; otherwise the operator
     * answers (from standard input when there is no terminal; the end of input means no).
     */
    public boolean confirm(String question) {
        if (options.yes) {
            return answered(question, true, "--yes");
        }
        return ask(question);
    }

    /**
     * Asks before a change that needs a person's judgement (restoring a backup, rotating the secret): {@code --yes}
     * does not cover it; only {@code flagGiven} (the playbook's own option, named {@code flag}) does.
     */
    public boolean confirmJudgement(String question, boolean flagGiven, String flag) {
        if (flagGiven) {
            return answered(question, true, flag);
        }
        if (options.yes) {
            return answered(question, false, "--yes does not cover this; pass " + flag);
        }
        return ask(question);
    }

    /** A free-text answer (an email, a file); empty when skipped, under {@code --yes}/{@code --no}, or at end of input. */
    public Optional<String> askText(String question) {
        if (options.yes || options.no) {
            return Optional.empty();
        }
        String prompt = "  ?      " + question + " ";
        Optional<String> answer = console.readLine(prompt).map(String::strip).filter(a -> !a.isEmpty());
        if (!console.isTerminal()) {
            out.println(answer.orElse("(none)"));
        }
        return answer;
    }

    /** Whether the operator decides (no {@code --yes} or {@code --no}). */
    public boolean interactive() {
        return !options.yes && !options.no;
    }

    private boolean ask(String question) {
        if (options.no) {
            return answered(question, false, "--no");
        }
        String prompt = "  ?      " + question + " [y/N] ";
        Optional<String> answer = console.readLine(prompt);
        boolean yes = answer.map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> a.equals("y")
                || a.equals("yes")).isPresent();
        if (!console.isTerminal()) {
            out.println(answer.isEmpty() ? "no (end of input)" : yes ? "yes" : "no");
        }
        return yes;
    }

    private boolean answered(String question, boolean yes, String why) {
        out.println("  ?      " + question + " [y/N] " + (yes ? "yes" : "no") + " (" + why + ")");
        out.flush();
        return yes;
    }

    /** Runs {@code z4j args...}, printing the command line first; true when it exited 0. */
    public boolean run(String... args) {
        CommandCancelled.throwIfCancelled();
        line("run", "z4j " + String.join(" ", quoted(args)));
        int exit = runner.run(out, err, List.of(args));
        out.flush();
        if (exit == CommandCancelled.EXIT_CODE) {
            throw new CommandCancelled();
        }
        return exit == 0;
    }

    private static List<String> quoted(String... args) {
        List<String> words = new ArrayList<>();
        for (String a : args) {
            words.add(a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"\\$`*?&;|<>()".indexOf(c) >= 0)
                    ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return words;
    }

    /** Prints the summary; returns the exit code (0 nothing open, 1 problems remain). */
    public int finish() {
        List<Finding> open = problems.stream().filter(f -> !f.resolved).toList();
        out.println();
        if (open.isEmpty()) {
            out.println("z4j playbook " + name + ": " + (problems.isEmpty() ? "no problem found"
                    : "every problem found was dealt with (" + problems.size() + ")"));
        } else {
            out.println("z4j playbook " + name + ": " + open.size() + " problem" + (open.size() == 1 ? "" : "s")
                    + " still open:");
            open.forEach(f -> out.println("  - " + f.text));
        }
        out.flush();
        return open.isEmpty() ? 0 : 1;
    }

    private void line(String label, String text) {
        CommandCancelled.throwIfCancelled();
        out.println(String.format(Locale.ROOT, "  %-6s %s", label, text));
        out.flush();
    }
}
