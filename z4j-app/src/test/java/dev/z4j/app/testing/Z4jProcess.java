package dev.z4j.app.testing;

import dev.z4j.ports.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the real {@code z4j} command as a separate JVM process ({@code java -cp <this JVM's class path>
 * dev.z4j.app.Main ...}) with a controlled environment, for tests about processes: exit codes, stdout/stderr,
 * locks, signals. The environment starts empty apart from {@code PATH} and {@code HOME}; add {@code Z4J_} settings
 * with {@link #env}.
 */
public final class Z4jProcess {

    private final Map<String, String> environment = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String stdin = "";
    private boolean terminal;

    private Z4jProcess() {
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("Z4J_ARGON2_MEMORY_KIB", "8192");
        environment.put("Z4J_ARGON2_ITERATIONS", "1");
        environment.put("Z4J_ARGON2_PARALLELISM", "1");
    }

    /** A command run with {@code Z4J_HOME=home} and low Argon2 cost (override with {@link #env}). */
    public static Z4jProcess inHome(Path home) {
        return new Z4jProcess().env("Z4J_HOME", home.toString());
    }

    public Z4jProcess env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** Adds options for the child JVM after the defaults, which they override (e.g. a smaller {@code -Xmx}). */
    public Z4jProcess jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public Z4jProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    /**
     * Runs the command on a pseudo-terminal (util-linux {@code script}), so {@code System.console()} exists and
     * prompts read what {@link #stdin} types; the terminal echoes input and prompts into stdout.
     */
    public Z4jProcess onTerminal() {
        this.terminal = true;
        return this;
    }

    /** Runs {@code z4j args...} to completion (at most two minutes). */
    public Result run(String... args) {
        Running running = start(args);
        return running.await(Duration.ofMinutes(2));
    }

    /** Starts {@code z4j args...} in the background (for {@code serve}). */
    public Running start(String... args) {
        Process process = launch(terminal, args);
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Running(process);
    }

    /**
     * Starts {@code z4j args...} on a pseudo-terminal of 200 x 50 (TERM=xterm) and keeps its keyboard open: what a
     * person at {@code z4j shell} types goes in through {@link Keyboard#type}.
     */
    public Keyboard startTyping(String... args) {
        return new Keyboard(launch(true, args));
    }

    private Process launch(boolean onTerminal, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(productClassPath());
        command.add("dev.z4j.app.Main");
        command.addAll(List.of(args));
        if (onTerminal) {
            String line = command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                    .collect(java.util.stream.Collectors.joining(" "));
            command = List.of("script", "-q", "-e", "-c", "stty cols 200 rows 50; exec " + line, "/dev/null");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (onTerminal) {
            builder.environment().putIfAbsent("TERM", "xterm");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's class path without test classes, so the child runs exactly the product (its logging included). */
    private static String productClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** A free TCP port on loopback (closed again before returning). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds or {@code timeout} passes ({@link Await#until}); fails with {@code what}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    /** A finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * A command on a pseudo-terminal whose keyboard stays open. {@link #screen()} is what it printed with terminal
     * control sequences and carriage returns removed.
     */
    public static final class Keyboard implements AutoCloseable {
        private static final java.util.regex.Pattern CONTROL =
                java.util.regex.Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[=>()][0-9A-Za-z]?|\r|\u0007");
        public static final String TAB = "\t";
        public static final String CTRL_C = "\u0003";
        public static final String CTRL_D = "\u0004";

        private final Process process;
        private final java.io.OutputStream keys;
        private final Running running;
        private int mark;

        private Keyboard(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            this.running = new Running(process);
        }

        /** Sends keys as typed (use {@link #TAB}, {@link #CTRL_C}, {@link #CTRL_D}). */
        public Keyboard type(String text) {
            try {
                keys.write(text.getBytes(StandardCharsets.UTF_8));
                keys.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Types a line and Enter. */
        public Keyboard line(String text) {
            return type(text + "\r");
        }

        /** Everything shown so far, without control sequences. */
        public String screen() {
            return CONTROL.matcher(running.stdout()).replaceAll("");
        }

        /**
         * Waits until {@code expected} appears after the last awaited text (at most 60 s) and returns what was shown
         * in between; the next wait starts after it.
         */
        public String await(String expected) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                String screen = screen();
                int at = screen.indexOf(expected, mark);
                if (at >= 0) {
                    String shown = screen.substring(mark, at + expected.length());
                    mark = at + expected.length();
                    return shown;
                }
                if (System.nanoTime() > deadline || !process.isAlive() && screen().indexOf(expected, mark) < 0) {
                    throw new AssertionError("did not see: " + expected + "\n--- screen since the last wait\n"
                            + screen.substring(Math.min(mark, screen.length())) + "\n--- stderr\n" + running.stderr());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for the program to end; returns its exit code. */
        public int awaitExit() {
            return running.await(Duration.ofSeconds(60)).exitCode();
        }

        @Override
        public void close() {
            running.close();
        }
    }

    /** A command still running; its output is collected continuously. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread stdoutPump;
        private final Thread stderrPump;

        private Running(Process process) {
            this.process = process;
            this.stdoutPump = pump(process.getInputStream(), stdout);
            this.stderrPump = pump(process.getErrorStream(), stderr);
        }

        private static Thread pump(InputStream in, StringBuffer into) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String stdout() {
            return stdout.toString();
        }

        public String stderr() {
            return stderr.toString();
        }

        /** Sends SIGTERM (through the process handle: {@code Process.destroy()} would also close our pipes). */
        public void terminate() {
            process.toHandle().destroy();
        }

        /** Sends SIGKILL. */
        public void kill() {
            process.destroyForcibly();
        }

        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("z4j did not finish within " + timeout + "\n--- stdout\n" + stdout
                            + "--- stderr\n" + stderr);
                }
                stdoutPump.join(5_000);
                stderrPump.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), stdout.toString(), stderr.toString());
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
