package dev.z4j.adapter.ws.agents;

import dev.z4j.ports.agents.AgentPrincipal;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Long-poll sessions in memory, least recently used first: at most 16 per agent and 4096 in all, as upstream.
 * A session made with an older credential of the agent is replaced, never reused.
 */
final class LongPollSessions {

    static final int PER_AGENT = 16;
    static final int TOTAL = 4096;

    private final Clock clock;
    private final Supplier<String> nonces;
    private final LinkedHashMap<Key, LongPollSession> sessions = new LinkedHashMap<>(64, 0.75f, true);

    private record Key(UUID agentId, String nonce) {
    }

    LongPollSessions(Clock clock, Supplier<String> nonces) {
        this.clock = clock;
        this.nonces = nonces;
    }

    synchronized LongPollSession of(AgentPrincipal principal, String nonce) {
        Key key = new Key(principal.agentId(), nonce);
        LongPollSession session = sessions.get(key);
        if (session != null && !session.dropped() && session.principal().equals(principal)) {
            return session;
        }
        sessions.remove(key);
        evictFor(principal.agentId());
        LongPollSession fresh = new LongPollSession(principal, nonce, clock, nonces);
        sessions.put(key, fresh);
        return fresh;
    }

    /** Makes room for one more session of this agent: its own oldest beyond its share, then the oldest of all. */
    private void evictFor(UUID agentId) {
        List<Key> ofAgent = sessions.keySet().stream().filter(k -> k.agentId().equals(agentId)).toList();
        for (int i = 0; i <= ofAgent.size() - PER_AGENT; i++) {
            sessions.remove(ofAgent.get(i));
        }
        Iterator<Key> oldestFirst = sessions.keySet().iterator();
        while (sessions.size() >= TOTAL && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    synchronized int size() {
        return sessions.size();
    }
}
