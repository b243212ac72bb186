package dev.z4j.ports.system;

/** The database cannot be reached or used. The message is one operator-readable line without credentials. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
