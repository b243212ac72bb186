package dev.z4j.app.system;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * {@code $Z4J_HOME/secret.env}: the auto-minted {@code Z4J_SECRET} and {@code Z4J_METRICS_AUTH_TOKEN}. Only
 * {@code z4j serve} mints it, atomically and with mode 0600, when neither the file nor {@code Z4J_SECRET} exists.
 */
public final class SecretEnv {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretEnv() {
    }

    /** Mints the file if needed; true when it was created by this call. */
    public static boolean mintIfMissing(Home home, Map<String, String> environment) {
        if (Files.exists(home.secretEnv()) || environment.containsKey("Z4J_SECRET")
                || EnvFile.read(home.configEnv()).containsKey("Z4J_SECRET")) {
            return false;
        }
        String content = "# z4j secrets, minted by `z4j serve`. Back this file up off the host: without it the audit\n"
                + "# chain cannot be verified and every agent needs new credentials.\n"
                + "Z4J_SECRET=" + token(48) + "\n"
                + "Z4J_METRICS_AUTH_TOKEN=" + token(32) + "\n";
        EnvFile.writePrivate(home.secretEnv(), content);
        return true;
    }

    static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
