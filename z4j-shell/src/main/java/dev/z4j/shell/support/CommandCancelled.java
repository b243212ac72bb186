package dev.z4j.shell.support;

/**
 * The operator pressed Ctrl-C while a command ran or asked something. Printed as {@code z4j <command>: cancelled};
 * whatever the command had already committed stays (each change commits together with its audit row).
 */
public final class CommandCancelled extends RuntimeException {

    /** The exit code of a cancelled command: 128 + SIGINT, as shells report an interrupted program. */
    public static final int EXIT_CODE = 130;

    public CommandCancelled() {
        super("cancelled", null, false, false);
    }

    /** Throws when the operator asked to cancel the running command; call between units of work. */
    public static void throwIfCancelled() {
        if (requested()) {
            throw new CommandCancelled();
        }
    }

    /** Whether Ctrl-C was pressed for the command running on this thread (or the thread was interrupted). */
    public static boolean requested() {
        Thread current = Thread.currentThread();
        return current.isInterrupted() || current instanceof CommandThread command && command.cancelRequested();
    }
}
