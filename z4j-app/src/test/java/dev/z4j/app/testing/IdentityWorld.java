package dev.z4j.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.Z4jBrain;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running embedded brain (SQLite in a temporary home, cheap Argon2) set up through its own HTTP API: the first
 * owner ({@link #OWNER_EMAIL}) and first project ({@code ops}) come from the setup endpoint, everything else from
 * the owner's browser.
 */
public final class IdentityWorld implements AutoCloseable {

    public static final String SECRET = "identity-test-secret-0123456789-abcdefghijkl";
    public static final String PASSWORD = "violet-harbour-lantern-7";
    public static final String OWNER_EMAIL = "founder@example.test";

    public final Z4jBrain brain;
    public final int port;
    public final Browser owner;
    private final AtomicInteger counter = new AtomicInteger();

    private IdentityWorld(Z4jBrain brain) {
        this.brain = brain;
        this.port = brain.port();
        this.owner = new Browser(port);
        String token = brain.setupInvitation().orElseThrow().url().replaceFirst(".*token=", "");
        HttpResponse<String> setup = owner.post("/api/v1/setup/complete", Json.object("token", token,
                "email", OWNER_EMAIL, "display_name", "Olivia Owner", "password", PASSWORD, "project_name", "Ops"));
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
    }

    /** A brain with the given extra settings (cheap Argon2 unless overridden) and clock. */
    public static IdentityWorld start(Path home, Map<String, String> settings, java.time.Clock clock) {
        return new IdentityWorld(brain(home, settings, clock).start());
    }

    public static IdentityWorld start(Path home, Map<String, String> settings) {
        return start(home, settings, java.time.Clock.systemUTC());
    }

    /** The builder of such a brain, not started (for tests of the setup itself). */
    public static Z4jBrain brain(Path home, Map<String, String> settings, java.time.Clock clock) {
        Map<String, String> all = new HashMap<>(Map.of("Z4J_ARGON2_MEMORY_KIB", "1024", "Z4J_ARGON2_ITERATIONS", "1",
                "Z4J_ARGON2_PARALLELISM", "1"));
        all.putAll(settings);
        Z4jBrain.Builder builder = Z4jBrain.builder().home(home).secret(SECRET).bind("127.0.0.1", 0).clock(clock);
        all.forEach(builder::setting);
        return builder.build();
    }

    public static IdentityWorld start(Path home) {
        return start(home, Map.of());
    }

    /** A unique suffix for names made by a test. */
    public int next() {
        return counter.incrementAndGet();
    }

    /** A new browser signed in as {@code email}. */
    public Browser login(String email) {
        Browser browser = new Browser(port);
        HttpResponse<String> response = browser.post("/api/v1/auth/login",
                Json.object("email", email, "password", PASSWORD));
        assertThat(response.statusCode()).as("login " + email + ": " + response.body()).isEqualTo(200);
        return browser;
    }

    /** Creates a user (by the owner) and returns its id. */
    public String createUser(String email, boolean isOwner) {
        HttpResponse<String> response = owner.post("/api/v1/users", Json.object("email", email,
                "display_name", "User " + email, "password", PASSWORD, "is_owner", isOwner));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body()).get("id").asText();
    }

    /** Adds {@code email} to project {@code slug} (by the owner) and returns the membership id. */
    public String addMember(String slug, String email, String role) {
        HttpResponse<String> response = owner.post("/api/v1/projects/" + slug + "/memberships",
                Json.object("email", email, "role", role));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body()).get("id").asText();
    }

    /** A new user with {@code role} in project {@code slug}, signed in. */
    public Browser member(String slug, String email, String role) {
        createUser(email, false);
        addMember(slug, email, role);
        return login(email);
    }

    public void createProject(String slug) {
        HttpResponse<String> response = owner.post("/api/v1/projects", Json.object("slug", slug, "name", slug));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Override
    public void close() {
        brain.close();
    }
}
