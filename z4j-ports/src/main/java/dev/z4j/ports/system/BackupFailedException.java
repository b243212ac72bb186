package dev.z4j.ports.system;

/** A backup could not be taken. The message is one operator-readable line without credentials. */
public final class BackupFailedException extends RuntimeException {

    public BackupFailedException(String message) {
        super(message, null, false, false);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
