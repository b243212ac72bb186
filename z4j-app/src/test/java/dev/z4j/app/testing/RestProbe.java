package dev.z4j.app.testing;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Whether a brain under load keeps answering REST: from its own thread, {@code GET /api/v1/health} every 200 ms
 * and, every fifth round, a sign-in and a read of the project's agents. A request that fails or is not answered
 * within {@link #ANSWER_WITHIN} is a failure.
 */
public final class RestProbe {

    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Long> slowestMillis = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int requests;

    private RestProbe(ServedBrain brain) {
        thread = new Thread(() -> {
            int round = 0;
            while (!stopped) {
                round(brain, round++ % 5 == 0);
                try {
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rest-probe");
        thread.setDaemon(true);
    }

    public static RestProbe start(ServedBrain brain) {
        RestProbe probe = new RestProbe(brain);
        probe.thread.start();
        return probe;
    }

    /** One round of requests, on the caller's thread (also for checking right after a load ended). */
    public void round(ServedBrain brain, boolean withSignIn) {
        check("health", () -> Http.send(HttpRequest.newBuilder(brain.uri().resolve("/api/v1/health"))
                .timeout(ANSWER_WITHIN).build()).statusCode());
        if (withSignIn) {
            check("sign-in and agents list", () -> brain.signIn()
                    .get("/api/v1/projects/" + brain.project() + "/agents").statusCode());
        }
    }

    private void check(String what, IntSupplier request) {
        long began = System.nanoTime();
        try {
            int status = request.getAsInt();
            if (status != 200) {
                failures.add(what + ": HTTP " + status);
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add(what + ": " + e);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        slowestMillis.merge(what, millis, Math::max);
        if (millis > ANSWER_WITHIN.toMillis()) {
            failures.add(what + ": answered after " + millis + " ms");
        }
        requests++;
    }

    public void stop() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
    }

    public List<String> failures() {
        return failures;
    }

    /** The slowest answer of each kind of request, in milliseconds. */
    public Map<String, Long> slowest() {
        return slowestMillis;
    }

    public int requests() {
        return requests;
    }
}
