package dev.z4j.domain.testing;

import dev.z4j.ports.identity.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores {@code fake$<cost>$<password>}; a hash made at another cost needs a rehash. Counts calls so tests can prove
 * two paths do the same work.
 */
public final class FakePasswordHasher implements PasswordHasher {

    private volatile int cost = 1;
    public final AtomicInteger hashes = new AtomicInteger();
    public final AtomicInteger verifications = new AtomicInteger();

    public void cost(int newCost) {
        this.cost = newCost;
    }

    @Override
    public String hash(String password) {
        hashes.incrementAndGet();
        return "fake$" + cost + "$" + password;
    }

    @Override
    public Verification verify(String password, String storedHash) {
        verifications.incrementAndGet();
        String[] parts = storedHash.split("\\$", 3);
        if (parts.length != 3 || !parts[0].equals("fake")) {
            return new Verification(false, true);
        }
        return new Verification(parts[2].equals(password), !parts[1].equals(Integer.toString(cost)));
    }
}
