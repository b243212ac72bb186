package dev.z4j.app.system;

import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;

/**
 * The cluster bus of a brain alone on its database (SQLite allows one): there is no other replica to tell, so a
 * notice goes nowhere and none ever arrives.
 */
public final class SingleBrainBus implements ClusterBus {

    @Override
    public void publish(ClusterNotice notice) {
    }

    @Override
    public Subscription subscribe(Listener listener) {
        return () -> { };
    }
}
