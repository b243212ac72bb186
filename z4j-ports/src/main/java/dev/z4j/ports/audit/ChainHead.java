package dev.z4j.ports.audit;

import java.util.Objects;

/** Where the next row attaches: the newest row's seq and row_hmac. */
public record ChainHead(long seq, String rowHmac) {
    public ChainHead {
        Objects.requireNonNull(rowHmac, "rowHmac");
    }
}
