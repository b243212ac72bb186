package dev.z4j.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.z4j.ports.identity.PasswordHasher.Verification;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    private static final Argon2PasswordHasher CHEAP = new Argon2PasswordHasher(1024, 1, 1, 2, Duration.ofSeconds(5));

    private static byte[] decode(String unpadded) {
        return Base64.getDecoder().decode(unpadded + "=".repeat((4 - unpadded.length() % 4) % 4));
    }

    @Test
    void the_default_cost_makes_an_argon2id_phc_string_with_a_16_byte_salt_and_a_32_byte_hash() {
        Argon2PasswordHasher production = new Argon2PasswordHasher(65_536, 3, 4, 1, Duration.ofSeconds(30));
        String phc = production.hash("violet-harbour-lantern-7");
        String[] parts = phc.split("\\$");
        assertThat(parts).hasSize(6);
        assertThat(parts[1]).isEqualTo("argon2id");
        assertThat(parts[2]).isEqualTo("v=19");
        assertThat(parts[3]).isEqualTo("m=65536,t=3,p=4");
        assertThat(decode(parts[4])).hasSize(16);
        assertThat(decode(parts[5])).hasSize(32);
        assertThat(production.verify("violet-harbour-lantern-7", phc)).isEqualTo(new Verification(true, false));
        assertThat(production.verify("violet-harbour-lantern-8", phc).matches()).isFalse();
        assertThat(production.hash("violet-harbour-lantern-7")).as("a fresh salt each time").isNotEqualTo(phc);
    }

    @Test
    void a_hash_made_with_other_parameters_still_verifies_and_asks_for_a_rehash() {
        String old = new Argon2PasswordHasher(2048, 2, 1, 1, Duration.ofSeconds(5)).hash("amber-glacier-compass");
        Verification verification = CHEAP.verify("amber-glacier-compass", old);
        assertThat(verification.matches()).isTrue();
        assertThat(verification.needsRehash()).isTrue();
        assertThat(CHEAP.verify("amber-glacier-compass", CHEAP.hash("amber-glacier-compass")).needsRehash()).isFalse();
    }

    @Test
    void hashes_made_by_the_reference_implementation_verify_and_are_kept_when_their_parameters_match() {
        // Made with the reference implementation (Debian's argon2 CLI):
        //   echo -n violet-harbour-lantern-7 | argon2 z4jreferencesalt -id -t 3 -m 16 -p 4 -l 32 -e
        String production = "$argon2id$v=19$m=65536,t=3,p=4$ejRqcmVmZXJlbmNlc2FsdA$"
                + "tH1fL1VTBBj21ADosWNiV7GBP7UnWjDrcYYyJuoqPSg";
        Argon2PasswordHasher defaults = new Argon2PasswordHasher(65_536, 3, 4, 1, Duration.ofSeconds(30));
        assertThat(defaults.verify("violet-harbour-lantern-7", production)).isEqualTo(new Verification(true, false));
        assertThat(defaults.verify("violet-harbour-lantern-6", production).matches()).isFalse();
        //   echo -n password | argon2 somesalt0123456 -id -t 1 -m 10 -p 1 -l 32 -e   (a 15-byte salt)
        String shortSalt = "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHQwMTIzNDU2$"
                + "dPbrQ75K9BbcURWt3wJIr7VFH2/KzqXK9R2HkfgE14k";
        assertThat(CHEAP.verify("password", shortSalt)).isEqualTo(new Verification(true, true));
    }

    @Test
    void corrupt_empty_or_foreign_hashes_are_no_match_never_an_error() {
        for (String stored : new String[] {"", "garbage", "$argon2id$v=19$m=1024,t=1,p=1$$", "$2b$12$abcdefghijkl",
                "$argon2id$v=19$m=x,t=1,p=1$c29tZXNhbHQ$AAAA"}) {
            Verification verification = CHEAP.verify("anything-at-all", stored);
            assertThat(verification.matches()).as(stored).isFalse();
            assertThat(verification.needsRehash()).as(stored).isTrue();
        }
    }

    @Test
    void a_caller_that_cannot_get_a_hashing_slot_in_time_is_refused_as_busy_and_later_served() throws Exception {
        Semaphore slots = new Semaphore(1);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(1024, 1, 1, slots, Duration.ofMillis(50));
        slots.acquire();
        Refusal busy = catchThrowableOfType(Refusal.class, () -> hasher.hash("second-caller-password"));
        assertThat(busy.kind()).isEqualTo(Refusal.Kind.BUSY);
        assertThat(busy.retryAfter()).isPresent();
        Refusal busyVerify = catchThrowableOfType(Refusal.class, () -> hasher.verify("x", CHEAP.hash("x")));
        assertThat(busyVerify.kind()).isEqualTo(Refusal.Kind.BUSY);
        slots.release();
        assertThat(hasher.hash("second-caller-password")).startsWith("$argon2id$");
        assertThat(slots.availablePermits()).as("the slot is given back").isEqualTo(1);
    }

    @Test
    void concurrency_must_be_positive() {
        assertThatThrownBy(() -> new Argon2PasswordHasher(1024, 1, 1, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
