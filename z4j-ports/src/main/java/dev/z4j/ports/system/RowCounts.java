package dev.z4j.ports.system;

import java.util.Map;
import java.util.OptionalLong;

/** Out-port: row counts of the main tables. */
public interface RowCounts {

    /** Rows per table name; a table that does not exist yet is absent. */
    Map<String, Long> count();

    /** Active owners (installation administrators); empty while the users table does not exist. */
    OptionalLong activeOwners();
}
