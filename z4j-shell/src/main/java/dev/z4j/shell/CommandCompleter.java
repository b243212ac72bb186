package dev.z4j.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion over the Picocli model of the shell's commands: command and subcommand names, option names, and
 * values. What a value is comes from its parameter label, the same word {@code --help} shows: {@code EMAIL} (user
 * emails), {@code SLUG} (project slugs), {@code AGENT} (agent names and ids), {@code TYPE[:ID]} (audit actors, agents
 * by id), {@code FILE}, {@code DIR} and {@code PATH} (file names); other values complete from the option's own
 * completion candidates, if it declares any.
 */
final class CommandCompleter implements Completer {

    static final String EMAIL = "EMAIL";
    static final String SLUG = "SLUG";
    static final String AGENT = "AGENT";
    static final String ACTOR = "TYPE[:ID]";
    private static final Set<String> FILES = Set.of("FILE", "DIR", "PATH");
    private static final List<String> ACTOR_TYPES = List.of("user", "agent", "api_key", "cli", "system");

    private final CommandLine root;
    private final List<String> shellWords;
    private final CompletionSource source;
    private final Completer files = new Completers.FileNameCompleter();

    /** @param shellWords commands the shell itself understands ({@code exit}), offered beside the root's */
    CommandCompleter(CommandLine root, List<String> shellWords, CompletionSource source) {
        this.root = root;
        this.shellWords = List.copyOf(shellWords);
        this.source = source;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        if (!words.isEmpty() && words.get(0).equals("z4j")) {
            words.remove(0);
        }
        String partial = line.word().substring(0, line.wordCursor());
        CommandLine command = root;
        int i = 0;
        while (i < words.size() && command.getSubcommands().containsKey(words.get(i))) {
            command = command.getSubcommands().get(words.get(i));
            i++;
        }
        CommandSpec spec = command.getCommandSpec();
        OptionSpec awaitingValue = null;
        int positionals = 0;
        for (; i < words.size(); i++) {
            String word = words.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (word.startsWith("-") && word.length() > 1) {
                OptionSpec option = spec.findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
                if (option != null && !word.contains("=") && option.arity().min() > 0) {
                    awaitingValue = option;
                }
            } else {
                positionals++;
            }
        }
        if (awaitingValue != null) {
            values(awaitingValue, "", reader, line, candidates);
        } else if (partial.startsWith("--") && partial.contains("=")) {
            String name = partial.substring(0, partial.indexOf('='));
            OptionSpec option = spec.findOption(name);
            if (option != null) {
                values(option, name + "=", reader, line, candidates);
            }
        } else if (partial.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    for (String name : option.names()) {
                        candidates.add(new Candidate(name, name, null, first(option.description()), null, null,
                                true));
                    }
                }
            }
        } else {
            if (positionals == 0) {
                subcommands(command, candidates);
            }
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                if (!positional.hidden() && positional.index().contains(positionals)) {
                    values(positional, "", reader, line, candidates);
                }
            }
        }
    }

    private void subcommands(CommandLine command, List<Candidate> candidates) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            if (!spec.usageMessage().hidden() && sub.getKey().equals(spec.name())) {
                candidates.add(new Candidate(sub.getKey(), sub.getKey(), null,
                        first(spec.usageMessage().description()), null, null, true));
            }
        }
        if (command == root) {
            shellWords.forEach(w -> candidates.add(new Candidate(w, w, null, "leave the shell", null, null, true)));
        }
    }

    private void values(ArgSpec arg, String prefix, LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String label = arg.paramLabel();
        switch (label) {
            case EMAIL -> source.emails().forEach(e -> candidates.add(value(prefix + e, e, "user")));
            case SLUG -> source.projectSlugs().forEach(s -> candidates.add(value(prefix + s, s, "project")));
            case AGENT -> source.agents().forEach(a -> {
                candidates.add(value(prefix + a.name(), a.name(), "agent in " + a.projectSlug() + ", id " + a.id()));
                candidates.add(value(prefix + a.id(), a.id().toString(), "agent " + a.name() + " in "
                        + a.projectSlug()));
            });
            case ACTOR -> {
                ACTOR_TYPES.forEach(t -> candidates.add(value(prefix + t, t, "actor type")));
                source.agents().forEach(a -> candidates.add(value(prefix + "agent:" + a.id(), "agent:" + a.id(),
                        a.name() + " in " + a.projectSlug())));
            }
            default -> {
                if (FILES.contains(label) && prefix.isEmpty()) {
                    files.complete(reader, line, candidates);
                } else if (arg.completionCandidates() != null) {
                    arg.completionCandidates().forEach(c -> candidates.add(value(prefix + c, c, null)));
                }
            }
        }
    }

    private static Candidate value(String value, String display, String description) {
        return new Candidate(value, display, null, description, null, null, true);
    }

    private static String first(String[] description) {
        return description.length == 0 ? null : description[0];
    }
}
