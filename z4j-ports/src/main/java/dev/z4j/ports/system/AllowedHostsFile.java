package dev.z4j.ports.system;

import java.nio.file.Path;
import java.util.List;

/**
 * In-port: the persisted Host allow-list, {@code $Z4J_HOME/allowed-hosts}. A running brain reads it only when it
 * starts.
 */
public interface AllowedHostsFile {

    Path path();

    List<String> list();

    /** @throws IllegalArgumentException naming the first invalid name; nothing is written then */
    Change add(List<String> names);

    Change remove(List<String> names);

    /**
     * @param changed   names added or removed, as stored
     * @param unchanged names already present (add) or not found (remove)
     */
    record Change(List<String> changed, List<String> unchanged) {
        public Change {
            changed = List.copyOf(changed);
            unchanged = List.copyOf(unchanged);
        }
    }
}
