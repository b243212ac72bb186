package dev.z4j.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers for a line, over the real command tree of the shell and a fixed set of values. */
class CommandCompleterTest {

    private static final UUID WEATHER = UUID.fromString("0190f1a2-0000-7000-8000-000000000001");

    /** The commands only read the context when they run; completing never does. */
    private static final OperatorContext UNUSED = (OperatorContext) Proxy.newProxyInstance(
            OperatorContext.class.getClassLoader(), new Class<?>[] {OperatorContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("version")) {
                    return "test";
                }
                throw new AssertionError("completion must not use " + method.getName());
            });

    private static final OperatorConsole NO_CONSOLE = new OperatorConsole() {
        @Override
        public boolean isTerminal() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }
    };

    private final CommandCompleter completer = new CommandCompleter(Z4jCommands.insideShell(UNUSED, NO_CONSOLE),
            List.of("exit", "quit"), new CompletionSource() {
                @Override
                public List<String> emails() {
                    return List.of("olivia@example.test", "ann@example.test");
                }

                @Override
                public List<String> projectSlugs() {
                    return List.of("payments", "ops");
                }

                @Override
                public List<AgentName> agents() {
                    return List.of(new AgentName("weather-agent", WEATHER, "payments"));
                }
            });

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void commands_at_the_start_of_the_line_without_the_ones_that_only_run_outside() {
        assertThat(complete("")).contains("audit", "agents", "sessions", "playbook", "restore", "help", "exit", "quit")
                .doesNotContain("serve", "shell");
        assertThat(complete("audit s")).contains("search", "show", "tail", "verify");
        assertThat(complete("playbook ")).containsExactlyInAnyOrder("brain-down", "audit-tampered", "leaked-token",
                "lost-admin");
        assertThat(complete("z4j audit ")).contains("verify");
    }

    @Test
    void options_of_the_command_being_typed() {
        assertThat(complete("audit search --")).contains("--actor", "--since", "--until", "--json", "--help")
                .doesNotContain("--around");
        assertThat(complete("playbook brain-down -")).contains("--yes", "-y", "--no", "--restore");
    }

    @Test
    void values_by_their_parameter_label() {
        assertThat(complete("sessions ")).containsExactly("olivia@example.test", "ann@example.test");
        assertThat(complete("z4j changepassword ")).contains("olivia@example.test");
        assertThat(complete("agents revoke ")).containsExactlyInAnyOrder("weather-agent", WEATHER.toString());
        assertThat(complete("playbook leaked-token --agent ")).contains("weather-agent");
        assertThat(complete("agents list --project ")).containsExactly("payments", "ops");
        assertThat(complete("agents list --project=p")).containsExactly("--project=payments", "--project=ops");
        assertThat(complete("audit search --actor ")).contains("agent", "cli", "agent:" + WEATHER);
    }

    @Test
    void values_that_must_not_come_from_the_database_and_positions_already_filled() {
        assertThat(complete("createsuperuser --email ")).isEmpty();
        assertThat(complete("sessions ann@example.test ")).isEmpty();
        assertThat(complete("agents revoke weather-agent --project payments ")).isEmpty();
        assertThat(complete("audit show 12 --around ")).isEmpty();
    }
}
