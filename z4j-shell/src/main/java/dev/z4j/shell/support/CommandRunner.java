package dev.z4j.shell.support;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs another {@code z4j} command exactly as an operator would type it (same context, same console), so a playbook
 * makes its changes through the commands it names, with their checks, output and audit rows.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @param args the command line without {@code z4j}, e.g. {@code audit evidence}
     * @return the command's exit code; its output went to {@code out} and {@code err}
     */
    int run(PrintWriter out, PrintWriter err, List<String> args);
}
