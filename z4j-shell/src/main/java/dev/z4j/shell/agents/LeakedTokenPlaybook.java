package dev.z4j.shell.agents;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.shell.support.CommandCancelled;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.IncidentPlaybook;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.Playbook;
import dev.z4j.shell.support.TimeArgument;
import dev.z4j.shell.support.UtcTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j playbook leaked-token}: the operator page's "Leaked agent token". Immediate response in the seed's
 * order (revoke, mint a replacement on the same agent row, update the legitimate agent), then the damage assessment:
 * the seed's audit query by the agent's UUID since the token could have leaked (by default, since the leaked
 * credential was issued), summarised by action and source address, with what such a token can and cannot do.
 */
@Command(name = "leaked-token", mixinStandardHelpOptions = true,
        description = {"An agent's bearer token was exposed (pasted in a chat, committed, in a build log): revoke it, "
                + "mint a replacement, and assess what was done with it (the audit rows of that agent since the "
                + "token could have leaked).",
                "Scripts: z4j playbook leaked-token --agent NAME --yes (revokes, rotates and prints the new "
                        + "credential once)."})
public final class LeakedTokenPlaybook extends IncidentPlaybook {

    private static final int MAX_ASSESSED = 100_000;

    @Option(names = "--agent", paramLabel = "AGENT", description = "The agent whose token leaked (name or id).")
    String agent;

    @Option(names = "--project", paramLabel = "SLUG", description = "Its project, when agent names repeat.")
    String project;

    @Option(names = "--since", paramLabel = "TIME", description = "When the token may have leaked, for the damage "
            + "assessment (UTC: '2026-04-23 12:00:00', 24h, 7d); default: when the leaked credential was issued.")
    String since;

    public LeakedTokenPlaybook(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        super(context, console, runner);
    }

    @Override
    public Integer call() {
        Optional<Instant> exposedSince = Optional.empty();
        if (since != null) {
            try {
                exposedSince = Optional.of(TimeArgument.parse(since, Clock.systemUTC()));
            } catch (IllegalArgumentException e) {
                throw usage("--since: " + e.getMessage());
            }
        }
        Playbook p = start("leaked-token", "an agent's bearer token was exposed");
        p.step("which agent?");
        Optional<String> named = Optional.ofNullable(agent)
                .or(() -> p.askText("Name or id of the agent whose token leaked (`agents list` shows them):"));
        if (named.isEmpty()) {
            p.problem("no agent named: pass --agent NAME (z4j agents list shows them)");
            return p.finish();
        }
        ProjectAgent target = ProjectAgent.find(context, named.get(), Optional.ofNullable(project));
        Instant now = Clock.systemUTC().instant();
        p.ok(target.name() + " in project " + target.projectSlug() + " (id " + target.id() + "): credential "
                + target.credential() + "; " + target.connection(now, context.brainSettings().agentOfflineTimeout())
                + ", last seen " + target.lastSeen(now));
        Instant from = exposedSince.or(() -> target.view().credentialIssuedAt()).orElse(target.view().agent()
                .createdAt());
        String[] selector = {target.id().toString(), "--project", target.projectSlug()};
        Optional<Playbook.Finding> live = Optional.empty();
        if (target.view().revoked()) {
            p.ok("it has no live credential: a leaked token of it no longer works");
        } else {
            live = Optional.of(p.problem("the leaked token works until it is revoked: whoever holds it can act as "
                    + target.name() + " in project " + target.projectSlug()));
        }

        p.step("revoke the token");
        if (live.isPresent() && p.confirm("Revoke the credential of " + target.name() + " now? The agent "
                + "disconnects (a running brain drops it within 30 s) and the token gets 401.")
                && p.run(command("revoke", selector))) {
            live.get().resolve();
        } else if (live.isEmpty()) {
            p.ok("nothing to revoke");
        }

        p.step("mint a replacement for the legitimate agent");
        boolean rotated = p.confirm("Mint a replacement credential for " + target.name() + " (same agent row, new "
                + "token and hmac_secret; any older credential stops working)?") && p.run(command("rotate", selector));
        live.ifPresent(f -> {
            if (rotated) {
                f.resolve();
            }
        });

        p.step("update the legitimate agent");
        if (rotated) {
            p.todo("put the new Z4J_TOKEN and Z4J_HMAC_SECRET above in " + target.name() + "'s configuration (its "
                    + "environment or secret store), then restart the agent process");
        } else {
            p.todo("when ready: z4j agents rotate " + target.id() + " --project " + target.projectSlug() + ", then put "
                    + "the new Z4J_TOKEN and Z4J_HMAC_SECRET in the agent's configuration and restart it");
        }

        p.step("damage assessment");
        assess(p, target, from);
        return p.finish();
    }

    private static String[] command(String verb, String... selector) {
        List<String> args = new ArrayList<>(List.of("agents", verb));
        args.addAll(List.of(selector));
        return args.toArray(String[]::new);
    }

    private void assess(Playbook p, ProjectAgent target, Instant from) {
        String when = UtcTime.typed(from);
        p.note("the seed's query (actor_type = 'agent', actor_id = its UUID, occurred_at > '" + when + "') without SQL:");
        p.run("audit", "search", "--actor", "agent:" + target.id(), "--since", when);
        List<AuditRecord> rows = actions(target, from);
        if (rows.isEmpty()) {
            p.ok("no action was taken with this agent's identity since " + UtcTime.seconds(from));
        } else {
            Map<String, Long> byAction = new TreeMap<>(rows.stream().collect(Collectors.groupingBy(
                    r -> r.entry().action(), Collectors.counting())));
            Map<String, Long> byAddress = new TreeMap<>(rows.stream().collect(Collectors.groupingBy(
                    r -> r.entry().sourceIp().orElse("unknown"), Collectors.counting())));
            p.note(rows.size() + " action" + (rows.size() == 1 ? "" : "s") + " since " + UtcTime.seconds(from) + ": "
                    + summary(byAction));
            p.note("from " + summary(byAddress) + ": an address that is not the agent's own host is the token in "
                    + "someone else's hands");
        }
        p.note("an agent token grants, in project " + target.projectSlug() + " only: submit, cancel and retry tasks; "
                + "update schedules (where its engine supports it); read task history and engine state");
        p.note("it does not grant: other projects' data, minting agents, users, memberships or projects, the audit log");
    }

    private List<AuditRecord> actions(ProjectAgent target, Instant from) {
        AuditQuery query = AuditQuery.all().withActor(Actor.Type.AGENT, Optional.of(target.id().toString()))
                .withSince(from).withOrder(AuditQuery.Order.OLDEST_FIRST).withLimit(AuditQuery.MAX_LIMIT);
        List<AuditRecord> rows = new ArrayList<>();
        while (rows.size() < MAX_ASSESSED) {
            CommandCancelled.throwIfCancelled();
            AuditPage page = context.audit().search(query);
            rows.addAll(page.rows());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.withCursor(page.nextCursor().get());
        }
        return rows;
    }

    private static String summary(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
