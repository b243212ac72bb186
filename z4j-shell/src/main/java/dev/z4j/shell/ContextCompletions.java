package dev.z4j.shell;

import dev.z4j.ports.identity.User;
import dev.z4j.shell.support.OperatorContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Completion values read through the operator's in-ports. A database that cannot be read (stopped PostgreSQL, a
 * schema not yet migrated) completes nothing rather than printing an error in the middle of the line being typed.
 */
final class ContextCompletions implements CompletionSource {

    private static final int MAX_USERS = 500;

    private final OperatorContext context;

    ContextCompletions(OperatorContext context) {
        this.context = context;
    }

    @Override
    public List<String> emails() {
        return quietly(() -> context.users().list(context.operator(), MAX_USERS, 0).stream()
                .map(User::email).map(e -> e.value()).toList());
    }

    @Override
    public List<String> projectSlugs() {
        return quietly(() -> context.projects().list(context.operator()).stream()
                .map(p -> p.project().slug().value()).toList());
    }

    @Override
    public List<AgentName> agents() {
        return quietly(() -> projectSlugs().stream().flatMap(slug -> context.agents().list(context.operator(), slug)
                .stream().map(a -> new AgentName(a.agent().name(), a.agent().id(), slug))).toList());
    }

    private static <T> List<T> quietly(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }
}
