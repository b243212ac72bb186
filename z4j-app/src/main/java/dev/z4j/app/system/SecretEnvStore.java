package dev.z4j.app.system;

import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The secret in {@code $Z4J_HOME/secret.env}. A rotation rewrites the file atomically (mode 0600): the new
 * {@code Z4J_SECRET}, and {@code Z4J_PREVIOUS_SECRETS} with the old secret first; every other line is kept.
 * Refuses when the secret is set elsewhere (the file would not be what the brain reads) or a brain holds the home.
 */
public final class SecretEnvStore implements SecretStore {

    private final Home home;
    private final Settings settings;
    private final Z4jConfig config;

    public SecretEnvStore(Home home, Settings settings, Z4jConfig config) {
        this.home = home;
        this.settings = settings;
        this.config = config;
    }

    @Override
    public void checkReplaceable() {
        String source = settings.source("Z4J_SECRET").orElse("nowhere");
        if (!source.equals("secret.env")) {
            throw new IllegalStateException("Z4J_SECRET comes from " + describe(source) + ", not from "
                    + home.secretEnv() + "; rotate it where it is set: set a new secret of at least 32 bytes and "
                    + "add the old one to Z4J_PREVIOUS_SECRETS");
        }
        settings.source("Z4J_PREVIOUS_SECRETS").filter(s -> !s.equals("secret.env")).ifPresent(s -> {
            throw new IllegalStateException("Z4J_PREVIOUS_SECRETS is set in " + describe(s) + " and would hide the "
                    + "old secret that rotate-secret keeps in secret.env; move it into " + home.secretEnv() + " first");
        });
        if (HomeLock.isHeld(home)) {
            throw new IllegalStateException("a brain is running on " + home.dir()
                    + HomeLock.holderPid(home).map(pid -> " (z4j.lock held by pid " + pid + ")").orElse("")
                    + "; stop it first, then rotate and start it again");
        }
    }

    private static String describe(String source) {
        return switch (source) {
            case "env" -> "the process environment";
            case "config.env" -> "config.env";
            default -> source;
        };
    }

    @Override
    public Replacement replace(Secret next) {
        String before = read();
        List<String> previous = new ArrayList<>();
        previous.add(text(config.secret()));
        config.previousSecrets().forEach(s -> previous.add(text(s)));
        List<String> lines = new ArrayList<>(before.lines().toList());
        set(lines, "Z4J_SECRET", text(next));
        set(lines, "Z4J_PREVIOUS_SECRETS", String.join(",", previous));
        EnvFile.writePrivate(home.secretEnv(), String.join("\n", lines) + "\n");
        return () -> EnvFile.writePrivate(home.secretEnv(), before);
    }

    private static String text(Secret secret) {
        return new String(secret.bytes(), StandardCharsets.UTF_8);
    }

    private static void set(List<String> lines, String name, String value) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            if (line.startsWith(name + "=")) {
                lines.set(i, name + "=" + value);
                return;
            }
        }
        lines.add(name + "=" + value);
    }

    private String read() {
        try {
            return Files.readString(home.secretEnv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home.secretEnv(), e);
        }
    }
}
