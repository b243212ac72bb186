package dev.z4j.app.system;

/** The configuration is unusable. The message is one line naming the variable and what to do; never a value of a secret. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
