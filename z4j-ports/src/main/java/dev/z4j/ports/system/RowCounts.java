package dev.z4j.ports.system;

import java.util.Map;

/** Out-port: row counts of the main tables, by table name; a table that does not exist yet is absent. */
public interface RowCounts {

    Map<String, Long> count();
}
