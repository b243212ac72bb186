package dev.z4j.adapter.jdbc.support;

/** The two databases the brain runs on. The name is also the Flyway location of the dialect's migrations. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }
}
