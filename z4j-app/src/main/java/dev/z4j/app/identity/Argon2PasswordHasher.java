package dev.z4j.app.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id on Password4j: PHC strings ({@code $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>}) with a 16-byte random
 * salt and a 32-byte hash. Verification reads the parameters from the stored string, so hashes made with older
 * settings keep working and are reported for a rehash.
 *
 * <p>Each hash holds {@code memoryKib} of memory and keeps cores busy for a noticeable time, so at most
 * {@code concurrency} run at once (default: half the cores, at least one); a caller that waits longer than
 * {@code maxWait} for its turn is refused with {@code BUSY} instead of queueing without bound. That keeps a burst of
 * sign-ins from exhausting memory or starving agent traffic.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Semaphore permits;
    private final Duration maxWait;
    /** Made on first use: from then on it holds {@code memoryKib} of memory, which most CLI commands never need. */
    private volatile Argon2Function function;

    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism, int concurrency, Duration maxWait) {
        this(memoryKib, iterations, parallelism, permits(concurrency), maxWait);
    }

    /** With the semaphore that bounds concurrent hashes given (tests hold its permits). */
    Argon2PasswordHasher(int memoryKib, int iterations, int parallelism, Semaphore permits, Duration maxWait) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.permits = permits;
        this.maxWait = maxWait;
    }

    private static Semaphore permits(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        return new Semaphore(concurrency, true);
    }

    /** Half the cores, at least one: the default bound on concurrent hashes. */
    public static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @Override
    public String hash(String password) {
        return withPermit(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function()).getResult());
    }

    @Override
    public Verification verify(String password, String storedHash) {
        Argon2Function stored;
        try {
            stored = storedHash != null && storedHash.startsWith("$argon2")
                    ? Argon2Function.getInstanceFromHash(storedHash) : null;
        } catch (RuntimeException e) {
            stored = null;
        }
        if (stored == null) {
            return new Verification(false, true);
        }
        Argon2Function parameters = stored;
        boolean matches = withPermit(() -> {
            try {
                return Password.check(password, storedHash).with(parameters);
            } catch (RuntimeException e) {
                return false;
            }
        });
        return new Verification(matches, !sameParameters(parameters) || saltBytes(storedHash) != SALT_BYTES);
    }

    private Argon2Function function() {
        Argon2Function made = function;
        if (made == null) {
            made = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_BYTES, Argon2.ID,
                    Argon2Function.ARGON2_VERSION_13);
            function = made;
        }
        return made;
    }

    private boolean sameParameters(Argon2Function stored) {
        return stored.getVariant() == Argon2.ID && stored.getVersion() == Argon2Function.ARGON2_VERSION_13
                && stored.getMemory() == memoryKib && stored.getIterations() == iterations
                && stored.getParallelism() == parallelism && stored.getOutputLength() == HASH_BYTES;
    }

    private static int saltBytes(String phc) {
        String[] parts = phc.split("\\$");
        try {
            return parts.length == 6 ? Base64.getDecoder().decode(pad(parts[4])).length : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }

    private <T> T withPermit(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusal.busy("interrupted", "the request was interrupted while waiting to check a password",
                    Duration.ofSeconds(1));
        }
        if (!acquired) {
            throw Refusal.busy("password_hashing_saturated", "too many sign-ins are being checked right now; "
                    + "try again in a moment", Duration.ofSeconds(2));
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
