package dev.z4j.domain.commands;

import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.ports.commands.CommandStore;
import dev.z4j.ports.commands.CommandView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The command store in memory, with the JDBC store's conditions; changes roll back with the fake transaction. */
final class InMemoryCommandStore implements CommandStore {

    private final FakeTransactions transactions;
    private final Map<UUID, CommandView> rows = new LinkedHashMap<>();
    private final Map<UUID, Instant> acknowledgedAt = new HashMap<>();
    final Map<String, TaskOrigin> tasks = new HashMap<>();

    InMemoryCommandStore(FakeTransactions transactions) {
        this.transactions = transactions;
    }

    synchronized List<CommandView> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized boolean insert(CommandView command) {
        transactions.requireOpen("commands are stored inside a transaction");
        if (command.idempotencyKey().isPresent()
                && findByIdempotencyKey(command.projectId(), command.idempotencyKey().get()).isPresent()) {
            return false;
        }
        rows.put(command.id(), command);
        transactions.onRollback(() -> remove(command.id()));
        return true;
    }

    private synchronized void remove(UUID id) {
        rows.remove(id);
    }

    @Override
    public synchronized Optional<CommandView> find(UUID projectId, UUID commandId) {
        return Optional.ofNullable(rows.get(commandId)).filter(c -> c.projectId().equals(projectId));
    }

    @Override
    public synchronized Optional<CommandView> findByIdempotencyKey(UUID projectId, String key) {
        return rows.values().stream().filter(c -> c.projectId().equals(projectId)
                && c.idempotencyKey().equals(Optional.of(key))).findFirst();
    }

    private static final Comparator<CommandView> OLDEST_FIRST =
            Comparator.comparing(CommandView::issuedAt).thenComparing(CommandView::id);

    @Override
    public synchronized List<CommandView> list(UUID projectId, Optional<String> status, Optional<Position> after,
                                               int limit) {
        return rows.values().stream().filter(c -> c.projectId().equals(projectId))
                .filter(c -> status.map(s -> s.equals(c.status())).orElse(true))
                .filter(c -> after.map(p -> c.issuedAt().isBefore(p.issuedAt())
                        || c.issuedAt().equals(p.issuedAt()) && c.id().compareTo(p.id()) < 0).orElse(true))
                .sorted(OLDEST_FIRST.reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<CommandView> pending(UUID agentId, Instant now, int limit) {
        return rows.values().stream().filter(c -> c.agentId().equals(Optional.of(agentId))
                        && c.status().equals("pending") && c.timeoutAt().isAfter(now))
                .sorted(OLDEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized List<CommandView> unacknowledged(UUID agentId, Instant since, Instant now, int limit) {
        return rows.values().stream().filter(c -> c.agentId().equals(Optional.of(agentId))
                        && c.status().equals("dispatched") && !acknowledgedAt.containsKey(c.id())
                        && !c.dispatchedAt().orElseThrow().isBefore(since) && c.timeoutAt().isAfter(now))
                .sorted(OLDEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized boolean markDispatched(UUID commandId, Instant now) {
        return change(commandId, c -> c.status().equals("pending") && c.timeoutAt().isAfter(now),
                c -> with(c, "dispatched", Optional.of(now), c.completedAt(), c.result(), c.error()));
    }

    @Override
    public synchronized boolean markUndelivered(UUID commandId) {
        return change(commandId, c -> c.status().equals("dispatched") && !acknowledgedAt.containsKey(commandId),
                c -> with(c, "pending", Optional.empty(), c.completedAt(), c.result(), c.error()));
    }

    @Override
    public synchronized boolean acknowledge(UUID projectId, UUID agentId, UUID commandId, Instant now) {
        boolean changed = change(commandId, c -> ownOpen(c, projectId, agentId, now),
                c -> with(c, "dispatched", c.dispatchedAt().or(() -> Optional.of(now)), c.completedAt(), c.result(),
                        c.error()));
        if (changed) {
            acknowledgedAt.putIfAbsent(commandId, now);
        }
        return changed;
    }

    @Override
    public synchronized boolean finish(UUID projectId, UUID agentId, UUID commandId, Outcome outcome, Instant now) {
        return change(commandId, c -> ownOpen(c, projectId, agentId, now),
                c -> with(c, outcome.status(), c.dispatchedAt().or(() -> Optional.of(now)), Optional.of(now),
                        outcome.result(), outcome.error()));
    }

    @Override
    public synchronized List<CommandView> expire(Instant now, String error) {
        List<CommandView> expired = new ArrayList<>();
        for (CommandView c : List.copyOf(rows.values())) {
            if (isOpen(c) && !c.timeoutAt().isAfter(now)) {
                change(c.id(), x -> true, x -> with(x, "timeout", x.dispatchedAt(), Optional.of(now), x.result(),
                        Optional.of(error)));
                expired.add(rows.get(c.id()));
            }
        }
        return expired;
    }

    @Override
    public synchronized Optional<TaskOrigin> task(UUID projectId, String engine, String taskId) {
        return Optional.ofNullable(tasks.get(projectId + "/" + engine + "/" + taskId));
    }

    private static boolean isOpen(CommandView c) {
        return c.status().equals("pending") || c.status().equals("dispatched");
    }

    private static boolean ownOpen(CommandView c, UUID projectId, UUID agentId, Instant now) {
        return c.projectId().equals(projectId) && c.agentId().equals(Optional.of(agentId)) && isOpen(c)
                && c.timeoutAt().isAfter(now);
    }

    private boolean change(UUID id, java.util.function.Predicate<CommandView> when, UnaryOperator<CommandView> how) {
        transactions.requireOpen("commands change inside a transaction");
        CommandView before = rows.get(id);
        if (before == null || !when.test(before)) {
            return false;
        }
        rows.put(id, how.apply(before));
        transactions.onRollback(() -> {
            synchronized (this) {
                rows.put(id, before);
            }
        });
        return true;
    }

    private static CommandView with(CommandView c, String status, Optional<Instant> dispatchedAt,
                                    Optional<Instant> completedAt, Optional<Map<String, Object>> result,
                                    Optional<String> error) {
        return new CommandView(c.id(), c.projectId(), c.agentId(), c.issuedBy(), c.issuerType(), c.issuerId(),
                c.action(), c.targetType(), c.targetId(), c.payload(), c.idempotencyKey(), status, result, error,
                c.issuedAt(), dispatchedAt, completedAt, c.timeoutAt());
    }
}
