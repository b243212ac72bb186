package dev.z4j.app.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build version, stamped into the jar by Maven. */
public final class BrainVersion {

    private BrainVersion() {
    }

    public static String current() {
        try (InputStream in = BrainVersion.class.getResourceAsStream("/dev/z4j/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
