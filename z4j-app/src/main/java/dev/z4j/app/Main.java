package dev.z4j.app;

import dev.z4j.app.system.Home;
import dev.z4j.app.system.LoggingSetup;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.shell.Z4jCommands;
import dev.z4j.shell.support.StandardConsole;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** The {@code z4j} command. Output is UTF-8 whatever the locale (systemd units often run without one). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        System.exit(run(args, System.getenv(), System.in, out, err));
    }

    static int run(String[] args, Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
        LoggingSetup.configure(Z4jConfig.LogFormat.TEXT, false);
        Home home = Home.resolve(environment);
        try (CliContext context = new CliContext(environment, home)) {
            StandardConsole console = new StandardConsole(System.console(), in, out);
            CommandLine line = Z4jCommands.create(context, console,
                    Map.of("serve", new ServeCommand(environment, home, err)));
            line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            return line.execute(args);
        }
    }
}
