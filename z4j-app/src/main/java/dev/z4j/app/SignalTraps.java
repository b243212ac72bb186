package dev.z4j.app;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop. A JVM killed by a signal exits with 128+n even when its shutdown
 * hooks complete; handling the signal lets {@code serve} stop gracefully and exit 0, as process managers expect.
 */
final class SignalTraps {

    private SignalTraps() {
    }

    static void onTermination(Runnable action) {
        Signal.handle(new Signal("TERM"), signal -> action.run());
        Signal.handle(new Signal("INT"), signal -> action.run());
    }
}
