package dev.z4j.app;

import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in until the audit chain (issue 3, branch {@code audit}) is on main: logs each entry and chains nothing.
 * Replaced by {@code AuditChain} when main is merged; not for release.
 */
final class InterimAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger("z4j.audit");

    @Override
    public AuditRecord record(AuditEntry entry) {
        LOG.info("audit {} {} {} by {} {}", entry.action(), entry.result(), entry.targetId().orElse("-"),
                entry.actor().type().wire(), entry.actor().id().orElse("-"));
        return new AuditRecord(0, UUID.randomUUID(), Instant.now(), entry, "interim", "", "");
    }
}
