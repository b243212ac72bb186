package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.z4j.app.system.BrainVersion;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of deploy/: the systemd unit as systemd reads it, and the installed launcher running the brain. */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void the_systemd_unit_verifies_cleanly_and_is_hardened() throws Exception {
        assumeTrue(run(List.of("systemd-analyze", "--version"), Map.of()).exit() == 0,
                "systemd-analyze is not installed here: the unit is not verified");
        String unit = Files.readString(DEPLOY.resolve("systemd/z4j.service"));
        assertThat(unit).contains("User=z4j", "ExecStart=/srv/z4j/bin/z4j serve", "Restart=on-failure",
                "RestartPreventExitStatus=2", "StandardError=journal", "StateDirectory=z4j", "NoNewPrivileges=true",
                "ProtectSystem=strict", "-XX:+ExitOnOutOfMemoryError");
        // verify also checks that ExecStart exists: point it at the launcher in this checkout
        Path copy = tmp.resolve("z4j.service");
        Files.writeString(copy, unit.replace("/srv/z4j/bin/z4j", DEPLOY.resolve("bin/z4j").toString()));

        Result verify = run(List.of("systemd-analyze", "verify", copy.toString()), Map.of());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("every line of the unit is understood").isEmpty();

        Result security = run(List.of("systemd-analyze", "security", "--offline=true", "--no-pager", copy.toString()),
                Map.of());
        Matcher exposure = Pattern.compile("Overall exposure level for z4j.service: (\\d+\\.\\d)").matcher(
                security.output());
        assertThat(exposure.find()).as(security.output()).isTrue();
        assertThat(Double.parseDouble(exposure.group(1))).as("systemd's exposure score (0 safest, 10 none)")
                .isLessThan(4.0);
    }

    @Test
    void the_installed_launcher_runs_the_brain_from_lib_also_through_a_symlink() throws Exception {
        Path install = tmp.resolve("srv/z4j");
        Files.createDirectories(install.resolve("bin"));
        Path lib = Files.createDirectories(install.resolve("lib"));
        Path launcher = Files.copy(DEPLOY.resolve("bin/z4j"), install.resolve("bin/z4j"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.contains("test-classes") || entry.endsWith("-tests.jar")) {
                continue;
            }
            if (Files.isDirectory(path)) {
                jar(path, lib.resolve(path.getParent().getParent().getFileName() + ".jar"));
            } else {
                Files.createSymbolicLink(lib.resolve(path.getFileName()), path);
            }
        }
        Path onPath = Files.createDirectories(tmp.resolve("usr/local/bin"));
        Files.createSymbolicLink(onPath.resolve("z4j"), launcher);
        String java = Path.of(System.getProperty("java.home"), "bin").toString();

        Result version = run(List.of(onPath.resolve("z4j").toString(), "version"),
                Map.of("PATH", java + File.pathSeparator + "/usr/bin:/bin"));
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).isEqualTo(BrainVersion.current() + "\n");

        Result status = run(List.of(onPath.resolve("z4j").toString(), "status"),
                Map.of("PATH", java + File.pathSeparator + "/usr/bin:/bin", "Z4J_HOME", tmp.resolve("home").toString()));
        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.output()).startsWith("z4j status: Z4J_SECRET is not set");

        Path toolsWithoutJava = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("dirname", "readlink")) {
            Path found = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(toolsWithoutJava.resolve(tool), found);
        }
        Result noJava = run(List.of(launcher.toString(), "version"), Map.of("PATH", toolsWithoutJava.toString()));
        assertThat(noJava.exit()).isEqualTo(2);
        assertThat(noJava.output()).isEqualTo("z4j: no java found: install a Java 17 (or newer) runtime, or set "
                + "JAVA_HOME\n");
    }

    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command with exactly this environment; stdout and stderr together. */
    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
