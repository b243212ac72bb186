/**
 * Out-ports on JDBI, Flyway and HikariCP, for SQLite and PostgreSQL. {@link dev.z4j.adapter.jdbc.JdbcDatabase} opens
 * a database and hands out every store; {@code support} holds the connection, transaction and type plumbing; the
 * feature packages hold the stores.
 */
package dev.z4j.adapter.jdbc;
