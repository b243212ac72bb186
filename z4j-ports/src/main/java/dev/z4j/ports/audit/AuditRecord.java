package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.UUID;

/** A stored audit row: the entry plus its chain position, time, signing key and HMACs. */
public record AuditRecord(long seq, UUID id, Instant occurredAt, AuditEntry entry, String keyId,
                          String prevRowHmac, String rowHmac) {
}
