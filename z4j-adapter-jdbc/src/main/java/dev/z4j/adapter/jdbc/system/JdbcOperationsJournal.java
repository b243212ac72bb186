package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.OperationsJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operations journal as key/value rows of {@code z4j_meta} ({@code backup.last_at}, {@code restore.last_at}, ...). */
public final class JdbcOperationsJournal implements OperationsJournal {

    private final Database database;
    private final Clock clock;

    public JdbcOperationsJournal(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void backupTaken(BackupRecord backup) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("backup.last_at", backup.takenAt().toString());
        values.put("backup.last_file", backup.file());
        values.put("backup.last_size_bytes", Long.toString(backup.sizeBytes()));
        values.put("backup.last_sha256", backup.sha256());
        put(values);
    }

    @Override
    public Optional<BackupRecord> lastBackup() {
        Map<String, String> v = get("backup.last_at", "backup.last_file", "backup.last_size_bytes", "backup.last_sha256");
        if (v.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(new BackupRecord(Instant.parse(v.get("backup.last_at")), v.get("backup.last_file"),
                Long.parseLong(v.get("backup.last_size_bytes")), v.get("backup.last_sha256")));
    }

    @Override
    public void restored(RestoreRecord restore) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("restore.last_at", restore.restoredAt().toString());
        values.put("restore.last_source", restore.source());
        values.put("restore.last_sha256", restore.sha256());
        put(values);
    }

    @Override
    public Optional<RestoreRecord> lastRestore() {
        Map<String, String> v = get("restore.last_at", "restore.last_source", "restore.last_sha256");
        if (v.size() < 3) {
            return Optional.empty();
        }
        return Optional.of(new RestoreRecord(Instant.parse(v.get("restore.last_at")), v.get("restore.last_source"),
                v.get("restore.last_sha256")));
    }

    private void put(Map<String, String> values) {
        Instant now = clock.instant();
        database.write(h -> {
            values.forEach((key, value) -> h.createUpdate("INSERT INTO z4j_meta (key, value, updated_at) "
                            + "VALUES (:key, :value, :now) "
                            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
                    .bind("key", key)
                    .bind("value", value)
                    .bind("now", now)
                    .execute());
            return null;
        });
    }

    private Map<String, String> get(String... keys) {
        Map<String, String> found = new HashMap<>();
        database.read(h -> h.createQuery("SELECT key, value FROM z4j_meta WHERE key IN (<keys>)")
                .bindList("keys", List.of(keys))
                .map((rs, ctx) -> found.put(rs.getString("key"), rs.getString("value")))
                .list());
        return found;
    }
}
