package dev.z4j.shell.audit;

import dev.z4j.ports.system.Secret;
import dev.z4j.shell.support.CommandFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads old secrets for verification from a file: either an old {@code secret.env} (its {@code Z4J_SECRET} and
 * {@code Z4J_PREVIOUS_SECRETS} lines are used) or one secret per line. Blank lines and {@code #} comments are skipped.
 */
final class PreviousSecretFile {

    private PreviousSecretFile() {
    }

    static List<Secret> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(2, "cannot read --previous-secret-file " + file + " (" + e.getMessage() + ")");
        }
        List<Secret> secrets = new ArrayList<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (line.matches("Z4J_[A-Z0-9_]+=.*")) {
                String name = line.substring(0, line.indexOf('='));
                String value = unquote(line.substring(line.indexOf('=') + 1).strip());
                if (name.equals("Z4J_SECRET")) {
                    values.add(value);
                } else if (name.equals("Z4J_PREVIOUS_SECRETS")) {
                    for (String entry : value.split(",")) {
                        if (!entry.isBlank()) {
                            values.add(entry.strip());
                        }
                    }
                }
            } else {
                values.add(line);
            }
            for (String value : values) {
                try {
                    secrets.add(Secret.ofText(value));
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(2, file + " line " + number + ": a secret must be at least "
                            + Secret.MIN_BYTES + " bytes long");
                }
            }
        }
        if (secrets.isEmpty()) {
            throw new CommandFailure(2, "--previous-secret-file " + file + " holds no secret");
        }
        return secrets;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
