package dev.z4j.ports.system;

/**
 * A write failed because the disk holding the database is full. Reads keep working and writes resume once space is
 * freed; nothing half-written remains (the transaction was rolled back). The message names the place and the figures.
 */
public final class StorageFullException extends DatabaseUnavailableException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
