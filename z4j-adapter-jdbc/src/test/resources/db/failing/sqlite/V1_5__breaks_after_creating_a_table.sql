-- Test-only: creates a table, then fails, to prove the whole pending chain rolls back.
CREATE TABLE created_before_the_failure (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
