package dev.z4j.domain.commands;

import dev.z4j.domain.commands.CommandRequests.Draft;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandPage;
import dev.z4j.ports.commands.CommandPickup;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.commands.CommandStore;
import dev.z4j.ports.commands.CommandStore.Outcome;
import dev.z4j.ports.commands.CommandStore.Position;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.commands.IssuedCommand;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.ingest.TaskReadStore;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.system.Transactions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operator commands to agents (SPEC §7). An issuance is authorized, validated, stored {@code pending} with its audit
 * row in one transaction, then claimed ({@code dispatched}) and pushed over the agent's channel; a push that finds no
 * connection puts it back to {@code pending}, and it goes out when the agent (re)connects or polls. The agent's
 * acknowledgement and result finish it; results for commands of another agent or project, or after the timeout,
 * change nothing and are logged. Every change is announced on the change feed after its commit.
 */
public final class CommandDispatcher implements Commands, CommandFeedback, CommandPickup {

    private static final System.Logger LOG = System.getLogger(CommandDispatcher.class.getName());
    static final String TIMED_OUT = "command timed out before agent responded";
    static final String AGENT_FAILED = "agent reported failure";
    static final int MAX_ERROR = 1024;
    /** A long-poll agent's first probe discards what it gets: what it did not acknowledge is offered again this long. */
    static final Duration REDISPATCH_WINDOW = Duration.ofSeconds(60);
    static final Duration OFFLINE_RETRY_AFTER = Duration.ofSeconds(5);
    static final int DRAIN_LIMIT = 500;
    static final int MAX_PAGE = 500;
    static final Set<String> STATUSES = Set.of("pending", "dispatched", "completed", "failed", "timeout");

    private final CommandStore store;
    private final AgentLivenessStore agents;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final AgentChannel channel;
    private final ChangeFeed changes;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration timeout;
    private final BulkRetryTargets bulkRetryTargets;

    public CommandDispatcher(CommandStore store, TaskReadStore tasks, AgentLivenessStore agents, ProjectAccess access,
                             AuditTrail audit, AgentChannel channel, ChangeFeed changes, Transactions transactions,
                             Clock clock, Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the command timeout must be 1 s .. 1 h");
        }
        this.store = store;
        this.agents = agents;
        this.access = access;
        this.audit = audit;
        this.channel = channel;
        this.changes = changes;
        this.transactions = transactions;
        this.clock = clock;
        this.timeout = timeout;
        this.bulkRetryTargets = new BulkRetryTargets(tasks, store);
    }

    @Override
    public IssuedCommand issue(Caller caller, String projectSlug, String action, Map<String, Object> request) {
        Action permission = CommandRequests.permission(action);
        IssuedCommand issued = transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, permission).project().id();
            Draft requested = CommandRequests.read(action, request);
            if (requested.idempotencyKey().isPresent()) {
                Optional<CommandView> earlier = store.findByIdempotencyKey(projectId,
                        requested.idempotencyKey().get());
                if (earlier.isPresent()) {
                    return new IssuedCommand(earlier.get(), false);
                }
            }
            Draft draft = requested.action().equals("bulk_retry")
                    ? bulkRetryTargets.resolve(projectId, requested) : requested;
            UUID agentId = agentFor(projectId, draft);
            CommandView command = newCommand(caller, projectId, agentId, draft);
            if (!store.insert(command)) {
                // Another request with the same key committed first (PostgreSQL replicas): answer with its command.
                return new IssuedCommand(store.findByIdempotencyKey(projectId, draft.idempotencyKey().orElseThrow())
                        .orElseThrow(), false);
            }
            audit.record(issuanceAudit(caller, command, draft));
            return new IssuedCommand(command, true);
        });
        if (!issued.created()) {
            return issued;
        }
        CommandView command = issued.command();
        announce(command, "pending");
        push(command);
        return new IssuedCommand(store.find(command.projectId(), command.id()).orElse(command), true);
    }

    @Override
    public CommandPage list(Caller caller, String projectSlug, Optional<String> status, Optional<String> cursor,
                            int limit) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.ENGINE_VIEW).project().id();
            if (status.isPresent() && !STATUSES.contains(status.get())) {
                throw Refusal.invalid("invalid_field", "status must be one of pending, dispatched, completed, "
                        + "failed, timeout", Map.of("field", "status"));
            }
            int size = Math.max(1, Math.min(MAX_PAGE, limit));
            List<CommandView> rows = store.list(projectId, status, cursor.map(CommandDispatcher::position), size + 1);
            if (rows.size() <= size) {
                return new CommandPage(rows, Optional.empty());
            }
            List<CommandView> page = rows.subList(0, size);
            return new CommandPage(page, Optional.of(cursor(page.get(size - 1))));
        });
    }

    @Override
    public CommandView get(Caller caller, String projectSlug, UUID commandId) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.ENGINE_VIEW).project().id();
            return store.find(projectId, commandId).orElseThrow(() ->
                    Refusal.notFound("command_not_found", "command " + commandId + " not found in this project"));
        });
    }

    @Override
    public int sweepTimeouts() {
        Instant now = now();
        List<CommandView> expired = transactions.inTransaction(() -> {
            List<CommandView> rows = store.expire(now, TIMED_OUT);
            for (CommandView row : rows) {
                audit.record(AuditEntry.of(Actor.system(), "command.timeout", "command", row.id().toString())
                        .withProject(row.projectId()).withResult("failure")
                        .withMetadata(Map.of("action", row.action(), "status_before",
                                row.dispatchedAt().isPresent() ? "dispatched" : "pending")));
            }
            return rows;
        });
        if (!expired.isEmpty()) {
            LOG.log(Level.INFO, "{0} command(s) timed out before their agent answered", expired.size());
            expired.forEach(command -> announce(command, "timeout"));
        }
        return expired.size();
    }

    @Override
    public void agentReady(UUID projectId, UUID agentId) {
        List<CommandView> waiting = store.pending(agentId, now(), DRAIN_LIMIT);
        for (CommandView command : waiting) {
            if (command.projectId().equals(projectId)) {
                push(command);
            }
        }
    }

    @Override
    public void acknowledged(UUID projectId, UUID agentId, UUID commandId) {
        boolean moved = transactions.inTransaction(() -> store.acknowledge(projectId, agentId, commandId, now()));
        if (moved) {
            announce(projectId, commandId, "dispatched");
        } else {
            LOG.log(Level.DEBUG, "ignored an acknowledgement of command {0} from agent {1}: not its open command",
                    commandId, agentId);
        }
    }

    @Override
    public void finished(UUID projectId, UUID agentId, UUID commandId, CommandReply reply) {
        Outcome outcome = reply.success()
                ? new Outcome("completed", reply.result(), Optional.empty())
                : new Outcome("failed", reply.result(), Optional.of(truncate(reply.error().filter(e -> !e.isBlank())
                .orElse(AGENT_FAILED))));
        boolean stored = transactions.inTransaction(() -> {
            if (!store.finish(projectId, agentId, commandId, outcome, now())) {
                return false;
            }
            audit.record(AuditEntry.of(Actor.agent(agentId), "command." + outcome.status(), "command",
                            commandId.toString()).withProject(projectId)
                    .withResult(reply.success() ? "success" : "failure"));
            return true;
        });
        if (stored) {
            announce(projectId, commandId, outcome.status());
        } else {
            LOG.log(Level.WARNING, "ignored a result for command {0} from agent {1}: it is not that agent''s open "
                    + "command (unknown, another agent''s, already finished or timed out)", commandId, agentId);
        }
    }

    /**
     * Reads first and writes only when something waits: a long-poll agent asks every 250 ms while it waits, and an
     * empty answer must not take SQLite's single writer.
     */
    @Override
    public List<AgentCommand> claim(UUID projectId, UUID agentId, int max) {
        Instant now = now();
        List<CommandView> offered = new ArrayList<>(store.unacknowledged(agentId, now.minus(REDISPATCH_WINDOW), now,
                max));
        List<CommandView> waiting = offered.size() < max
                ? store.pending(agentId, now, max - offered.size()).stream()
                        .filter(c -> c.projectId().equals(projectId)).toList()
                : List.of();
        List<CommandView> claimed = waiting.isEmpty() ? List.of() : transactions.inTransaction(() ->
                waiting.stream().filter(c -> store.markDispatched(c.id(), now)).toList());
        claimed.forEach(command -> announce(command, "dispatched"));
        offered.addAll(claimed);
        return offered.stream().filter(c -> c.projectId().equals(projectId))
                .sorted(Comparator.comparing(CommandView::issuedAt).thenComparing(CommandView::id))
                .map(this::agentCommand).toList();
    }

    /** Claims the command and pushes it; a push that finds no connection puts it back for the next (re)connect. */
    private void push(CommandView command) {
        try {
            if (!transactions.inTransaction(() -> store.markDispatched(command.id(), now()))) {
                return;
            }
            boolean sent = false;
            try {
                sent = channel.deliver(agentCommand(command));
            } finally {
                if (!sent) {
                    transactions.inTransaction(() -> store.markUndelivered(command.id()));
                }
            }
            if (sent) {
                announce(command, "dispatched");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not push command {0} to agent {1}; it waits for the agent''s next "
                    + "connection or its timeout", command.id(), command.agentId().orElse(null), e);
        }
    }

    /**
     * The agent the request names (it must be the project's; an engine or scheduler it does not run is refused), else
     * the reachable agent of the project running the request's engine or scheduler that connected last. None
     * reachable: 503. A schedule command the chosen agent's scheduler cannot do (by its reported capabilities): 422.
     */
    private UUID agentFor(UUID projectId, Draft draft) {
        Map<UUID, AgentStatus> statuses = agents.statuses(projectId);
        UUID agentId;
        if (draft.agentId().isPresent()) {
            agentId = draft.agentId().get();
            AgentStatus status = statuses.get(agentId);
            if (status == null) {
                throw Refusal.notFound("agent_not_found", "agent " + agentId + " not found in this project");
            }
            if (draft.engine().isPresent() && !status.engines().isEmpty()
                    && !status.engines().contains(draft.engine().get())) {
                throw Refusal.invalid("engine_not_served", "agent " + agentId + " does not run engine '"
                        + draft.engine().get() + "' (it runs " + String.join(", ", status.engines()) + ")",
                        Map.of("field", "engine"));
            }
            if (draft.scheduler().isPresent() && !status.schedulers().contains(draft.scheduler().get())) {
                throw Refusal.invalid("scheduler_not_served", "agent " + agentId + " does not run scheduler '"
                        + draft.scheduler().get() + "'", Map.of("field", "agent_id"));
            }
            if (!channel.reachable(agentId)) {
                throw offline("agent " + agentId + " is not connected; start it or pick a connected agent");
            }
        } else {
            agentId = statuses.entrySet().stream()
                    .filter(e -> draft.engine().map(engine -> e.getValue().engines().contains(engine)).orElse(true))
                    .filter(e -> draft.scheduler().map(s -> e.getValue().schedulers().contains(s)).orElse(true))
                    .filter(e -> channel.reachable(e.getKey()))
                    .max(Comparator.comparing(e -> e.getValue().lastConnectAt().orElse(Instant.EPOCH)))
                    .map(Map.Entry::getKey)
                    .orElseThrow(() -> offline(serving(draft) + "; start one, or name agent_id"));
        }
        if (draft.scheduler().isPresent()) {
            List<String> capabilities = statuses.get(agentId).capabilities().get(draft.scheduler().get());
            if (capabilities != null && !capabilities.isEmpty() && !capabilities.contains(draft.action())) {
                throw Refusal.invalid("action_not_supported", "scheduler '" + draft.scheduler().get()
                        + "' cannot do " + draft.action() + " (it can: " + String.join(", ", capabilities) + ")",
                        Map.of("action", draft.action()));
            }
        }
        return agentId;
    }

    private static String serving(Draft draft) {
        if (draft.scheduler().isPresent()) {
            return "no connected agent of this project runs scheduler '" + draft.scheduler().get() + "'";
        }
        return draft.engine().map(engine -> "no connected agent of this project runs engine '" + engine + "'")
                .orElse("no agent of this project is connected");
    }

    private static Refusal offline(String message) {
        return Refusal.busy("agent_offline", message, OFFLINE_RETRY_AFTER);
    }

    private CommandView newCommand(Caller caller, UUID projectId, UUID agentId, Draft draft) {
        Instant issuedAt = now();
        Actor actor = caller.principal().actor();
        Map<String, Object> payload = new LinkedHashMap<>(draft.parameters());
        if (draft.action().equals("retry_task")) {
            addOriginals(projectId, payload);
        }
        return new CommandView(UUID.randomUUID(), projectId, Optional.of(agentId),
                caller.user().map(Principal.User::userId), actor.type().wire(), actor.id(), draft.action(),
                draft.targetType(), draft.targetId(), payload, draft.idempotencyKey(), "pending", Optional.empty(),
                Optional.empty(), issuedAt, Optional.empty(), Optional.empty(), issuedAt.plus(timeout));
    }

    /** A retry carries the task's name, and its original arguments unless the request overrides them. */
    private void addOriginals(UUID projectId, Map<String, Object> payload) {
        store.task(projectId, (String) payload.get("engine"), (String) payload.get("task_id")).ifPresent(task -> {
            task.name().ifPresent(n -> payload.put("task_name", n));
            if (!payload.containsKey("override_args")) {
                task.args().ifPresent(a -> payload.put("args", a));
            }
            if (!payload.containsKey("override_kwargs")) {
                task.kwargs().ifPresent(k -> payload.put("kwargs", k));
            }
            task.priority().ifPresent(p -> payload.putIfAbsent("priority", p));
        });
    }

    /** The target, the agent and the key: never a parameter value (arguments and tokens can carry secrets). */
    private static AuditEntry issuanceAudit(Caller caller, CommandView command, Draft draft) {
        Map<String, Object> metadata = new LinkedHashMap<>(draft.auditMetadata());
        metadata.put("command_id", command.id().toString());
        metadata.put("agent_id", command.agentId().map(UUID::toString).orElse(null));
        metadata.put("target_type", command.targetType());
        command.targetId().ifPresent(t -> metadata.put("target_id", t));
        draft.engine().ifPresent(e -> metadata.put("engine", e));
        draft.scheduler().ifPresent(e -> metadata.put("scheduler", e));
        command.idempotencyKey().ifPresent(k -> metadata.put("idempotency_key", k));
        return caller.audit("command.issue." + command.action(), "command", command.id().toString())
                .withProject(command.projectId()).withMetadata(metadata);
    }

    private AgentCommand agentCommand(CommandView command) {
        long seconds = Duration.between(command.issuedAt(), command.timeoutAt()).toSeconds();
        return new AgentCommand(command.id(), command.projectId(), command.agentId().orElseThrow(), command.action(),
                command.targetType(), command.targetId(), command.payload(), (int) Math.max(1, Math.min(3600, seconds)),
                command.issuedBy());
    }

    private void announce(CommandView command, String status) {
        announce(command.projectId(), command.id(), status);
    }

    /** {@code command.changed} naming the command and its new status: one small event per change. */
    private void announce(UUID projectId, UUID commandId, String status) {
        changes.publish(projectId, new ChangeFeed.Change(ChangeFeed.Topic.COMMAND_CHANGED,
                Map.of("command_id", commandId.toString(), "status", status)));
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /** The cursor: the last row's position, opaque to clients (base64url of {@code <issued_at>/<id>}). */
    static String cursor(CommandView row) {
        String position = row.issuedAt() + "/" + row.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static Position position(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = text.indexOf('/');
            return new Position(Instant.parse(text.substring(0, slash)), UUID.fromString(text.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw Refusal.invalid("invalid_cursor", "the cursor is not one this brain returned; start again "
                    + "without it", Map.of("field", "cursor"));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
