package dev.z4j.ports.system;

/** Out-port: reads the head of the audit chain for {@code z4j check} (can the newest row be read at all). */
public interface AuditHeadProbe {

    /**
     * A one-line description of the head, such as {@code seq 5421, row_hmac a1b2c3...} or {@code no audit rows yet}.
     *
     * @throws RuntimeException with a one-line message when the head cannot be read
     */
    String describeHead();
}
