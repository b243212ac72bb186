package dev.z4j.shell.support;

/** A command cannot do what was asked. Printed as {@code z4j <command>: <message>} with the given exit code. */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
