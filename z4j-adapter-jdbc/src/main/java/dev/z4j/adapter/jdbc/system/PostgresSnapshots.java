package dev.z4j.adapter.jdbc.system;

import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseSnapshots;
import dev.z4j.ports.system.DatabaseUnavailableException;
import java.nio.file.Path;
import java.util.Optional;

/** PostgreSQL copies with {@code pg_dump -Fc} (custom format, compressed, without owners and grants). */
public final class PostgresSnapshots implements DatabaseSnapshots {

    private final PostgresTools tools;

    public PostgresSnapshots(PostgresTools tools) {
        this.tools = tools;
    }

    @Override
    public String fileExtension() {
        return "dump";
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return tools.unavailableReason("pg_dump");
        } catch (PostgresTools.ToolFailedException | DatabaseUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void writeTo(Path target) {
        try {
            tools.dump(target);
        } catch (PostgresTools.ToolFailedException e) {
            throw new BackupFailedException(e.getMessage(), e);
        }
    }
}
