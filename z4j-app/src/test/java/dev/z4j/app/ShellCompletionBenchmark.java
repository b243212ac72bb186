package dev.z4j.app;

import dev.z4j.ports.identity.UserAdministration.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How long Tab takes in {@code z4j shell} on a large install (docs/performance.md, "Shell"): the in-port reads the
 * shell's completion makes for emails ({@code UserAdministration.list}), project slugs ({@code Projects.list}) and
 * agent names ({@code Projects.list}, then {@code AgentCredentials.list} per project), on SQLite, warm.
 *
 * <pre>java ... dev.z4j.app.ShellCompletionBenchmark [projects] [agents-per-project] [users]</pre>
 */
public final class ShellCompletionBenchmark {

    private static final int ROUNDS = 40;

    private ShellCompletionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int projects = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int agentsPerProject = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path home = Files.createTempDirectory("z4j-shell-bench").resolve("home");
        try (IncidentHome world = new IncidentHome(home)) {
            Wiring w = world.wiring();
            for (int p = 0; p < projects; p++) {
                String slug = String.format(Locale.ROOT, "project-%03d", p);
                world.project(slug);
                for (int a = 0; a < agentsPerProject; a++) {
                    world.agent(slug, "agent-" + a);
                }
            }
            for (int u = 0; u < users; u++) {
                w.users.create(IncidentHome.OPERATOR, new NewUser("user" + u + "@example.test", "User " + u,
                        IncidentHome.PASSWORD, false));
            }
            System.out.printf(Locale.ROOT, "SQLite, %d projects x %d agents, %d users, %d rounds each (warm)%n",
                    projects, agentsPerProject, users + 1, ROUNDS);
            report("emails (users.list)", () -> w.users.list(IncidentHome.OPERATOR, 500, 0).size());
            report("project slugs (projects.list)", () -> w.projects.list(IncidentHome.OPERATOR).size());
            report("agent names and ids (agents.list per project)", () -> w.projects.list(IncidentHome.OPERATOR)
                    .stream().mapToInt(p -> w.agents.list(IncidentHome.OPERATOR, p.project().slug().value()).size())
                    .sum());
        }
    }

    private static void report(String what, Supplier<Integer> completion) {
        for (int i = 0; i < 5; i++) {
            completion.get();
        }
        List<Double> millis = new ArrayList<>();
        int values = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            values = completion.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "%-48s %5d values   p50 %7.1f ms   p99 %7.1f ms%n", what, values,
                millis.get(ROUNDS / 2), millis.get(ROUNDS - 1 - ROUNDS / 100));
    }
}
