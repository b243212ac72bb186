package dev.z4j.shell.agents;

import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.shell.support.BrainSettings;
import dev.z4j.shell.support.JsonOutput;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code z4j agents list|revoke|rotate}: the dashboard's agent operations for incidents while the brain is down,
 * against the database, audited with actor {@code cli}. Bare {@code z4j agents} lists every agent.
 */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"List agents with their connection state and last contact, revoke an agent's credential, or "
                + "mint a replacement (rotate). Works while the brain is down; changes are audited (actor cli).",
                "Without a subcommand: the list of every project's agents."})
public final class AgentsCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public AgentsCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new ListAgents(context).print(spec.commandLine().getOut(), Optional.empty(), false);
    }

    /** The command with its subcommands, bound to the operator context. */
    public static CommandLine create(OperatorContext context) {
        CommandLine agents = new CommandLine(new AgentsCommand(context));
        agents.addSubcommand("list", new ListAgents(context));
        agents.addSubcommand("revoke", new Revoke(context));
        agents.addSubcommand("rotate", new Rotate(context));
        return agents;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Every agent: project, name, id, connection state, last seen, and its credential "
                    + "(generation and issue time, or REVOKED).", "An agent recorded online but silent longer than "
                    + "Z4J_AGENT_OFFLINE_TIMEOUT_SECONDS is shown as stale: a stopped brain cannot mark it offline."})
    public static final class ListAgents implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--project", paramLabel = "SLUG", description = "Only this project's agents.")
        String project;

        @Option(names = "--json", description = "One JSON object per agent (JSON lines).")
        boolean json;

        ListAgents(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            return print(spec.commandLine().getOut(), Optional.ofNullable(project), json);
        }

        int print(PrintWriter out, Optional<String> projectSlug, boolean asJson) {
            List<ProjectAgent> agents = ProjectAgent.all(context, projectSlug);
            Instant now = Clock.systemUTC().instant();
            Duration timeout = offlineTimeout();
            if (asJson) {
                agents.forEach(a -> out.println(JsonOutput.write(asMap(a, now, timeout))));
            } else if (agents.isEmpty()) {
                out.println("(no agents" + projectSlug.map(s -> " in project " + s).orElse("") + ")");
            } else {
                String format = "%-20s  %-24s  %-36s  %-16s  %-36s  %s";
                out.println(String.format(Locale.ROOT, format, "PROJECT", "NAME", "ID", "STATE", "LAST SEEN",
                        "CREDENTIAL"));
                for (ProjectAgent a : agents) {
                    String state = a.connection(now, timeout);
                    out.println(String.format(Locale.ROOT, format, a.projectSlug(), a.name(), a.id(),
                            state.startsWith("stale") ? "stale" : state, a.lastSeen(now), a.credential()).stripTrailing());
                }
                agents.stream().filter(a -> a.connection(now, timeout).startsWith("stale")).findFirst().ifPresent(a ->
                        out.println("stale: recorded online but silent longer than " + timeout.toSeconds() + " s (a "
                                + "stopped brain cannot mark agents offline)"));
            }
            out.flush();
            return 0;
        }

        private Duration offlineTimeout() {
            try {
                BrainSettings settings = context.brainSettings();
                return settings.agentOfflineTimeout();
            } catch (RuntimeException unreadableConfiguration) {
                return Duration.ofSeconds(30);
            }
        }

        private static Map<String, Object> asMap(ProjectAgent a, Instant now, Duration timeout) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("project", a.projectSlug());
            map.put("id", a.id().toString());
            map.put("name", a.name());
            map.put("state", a.view().status().state().wire());
            map.put("connection", a.connection(now, timeout));
            map.put("last_seen_at", a.view().status().lastSeenAt().map(Instant::toString).orElse(null));
            map.put("last_connect_at", a.view().status().lastConnectAt().map(Instant::toString).orElse(null));
            map.put("host_name", a.view().status().hostName().orElse(null));
            map.put("credential_generation", a.view().agent().credentialGeneration());
            map.put("credential_issued_at", a.view().credentialIssuedAt().map(Instant::toString).orElse(null));
            map.put("revoked", a.view().revoked());
            return map;
        }
    }

    /** The agent an operator names: its name or id, and its project when names repeat. */
    public static final class AgentSelection {
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent's name or id.")
        String agent;

        @Option(names = "--project", paramLabel = "SLUG", description = "The agent's project (when names repeat).")
        String project;

        ProjectAgent find(OperatorContext context) {
            return ProjectAgent.find(context, agent, Optional.ofNullable(project));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke an agent's credential: its token stops working (HTTP 401 at the next connection) "
                    + "and a running brain drops its sessions within 30 s. The agent, its history and its audit trail "
                    + "stay; `z4j agents rotate` gives it a new credential."})
    public static final class Revoke implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        AgentSelection selection;

        Revoke(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ProjectAgent target = selection.find(context);
            boolean revoked = context.agents().revoke(context.operator(), target.projectSlug(), target.id());
            PrintWriter out = spec.commandLine().getOut();
            out.println(revoked
                    ? "z4j agents revoke: revoked the credential of " + target.name() + " (project "
                    + target.projectSlug() + ", id " + target.id() + "); its token now gets 401, and a running brain "
                    + "drops its sessions within 30 s"
                    : "z4j agents revoke: " + target.name() + " (project " + target.projectSlug() + ") has no live "
                    + "credential; nothing changed");
            out.flush();
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Mint a replacement credential for an agent (the same agent row): a new token and "
                    + "hmac_secret, shown once; the previous credential stops working at once. Also gives a revoked "
                    + "agent a credential again."})
    public static final class Rotate implements Callable<Integer> {
        private final OperatorContext context;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        AgentSelection selection;

        Rotate(OperatorContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ProjectAgent target = selection.find(context);
            MintedCredential minted = context.agents().rotate(context.operator(), target.projectSlug(), target.id());
            PrintWriter out = spec.commandLine().getOut();
            out.println("z4j agents rotate: new credential for " + target.name() + " (project " + target.projectSlug()
                    + ", id " + target.id() + ", generation " + minted.agent().credentialGeneration()
                    + "); the previous one no longer works");
            out.println("  Z4J_TOKEN=" + minted.token());
            out.println("  Z4J_HMAC_SECRET=" + minted.hmacSecret());
            out.println("Shown once, never stored: put both in the agent's configuration now, then restart the agent.");
            out.flush();
            return 0;
        }
    }
}
