package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's damage assessment without SQL: {@code z4j audit search --actor agent:<uuid> --since TIME}. */
class AuditSearchProcessTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_agents_actions_since_a_time_oldest_first(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(12)) {
            UUID agent = UUID.nameUUIDFromBytes("agent1".getBytes());
            Z4jProcess.Result result = f.z4j().run("audit", "search", "--actor", "agent:" + agent, "--since",
                    "2026-04-23 14:22:03");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).isEqualTo(""
                    + "TIME                     ACTION      TARGET          SOURCE IP\n"
                    + "2026-04-23 14:22:04 UTC  task.retry  task:celery-4   203.0.113.4\n"
                    + "2026-04-23 14:22:07 UTC  task.retry  task:celery-7   203.0.113.7\n"
                    + "2026-04-23 14:22:10 UTC  task.retry  task:celery-10  203.0.113.10\n");

            Z4jProcess.Result json = f.z4j().run("audit", "search", "--actor", "agent:" + agent, "--since",
                    "2026-04-23T14:22:09Z", "--json");
            assertThat(json.stdout().lines()).singleElement().asString()
                    .startsWith("{\"seq\":11,").contains("\"actor_type\":\"agent\"", "\"metadata\":{\"attempt\":10}",
                            "\"prev_row_hmac\":\"" + f.row(10).rowHmac() + "\"", "\"row_hmac\":\"" + f.row(11).rowHmac());

            Z4jProcess.Result bad = f.z4j().run("audit", "search", "--since", "last tuesday");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).contains("'last tuesday' is not a time");
        }
    }
}
