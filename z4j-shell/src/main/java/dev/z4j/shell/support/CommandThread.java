package dev.z4j.shell.support;

/**
 * The thread one command line of {@code z4j shell} runs on. Ctrl-C {@link #cancel cancels} it: a flag the command's
 * safe points check ({@link CommandCancelled#throwIfCancelled}), which survives libraries that swallow an interrupt,
 * plus one interrupt to wake a blocking wait (a question, the audit walk's queue, a connection from the pool).
 */
public final class CommandThread extends Thread {

    private volatile boolean cancelRequested;

    public CommandThread(Runnable command) {
        super(command, "z4j-shell-command");
    }

    public void cancel() {
        cancelRequested = true;
        interrupt();
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }
}
