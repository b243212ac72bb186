package dev.z4j.shell.system;

import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SecretRotation.RotationPlan;
import dev.z4j.ports.system.SecretRotation.RotationResult;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j rotate-secret}: states what a new {@code Z4J_SECRET} invalidates, asks (unless {@code --yes}), then
 * rotates. Exit 0 rotated, 1 declined, 2 when the secret cannot be rotated here.
 */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
        description = {"Mint a new Z4J_SECRET. The old one is kept in Z4J_PREVIOUS_SECRETS only to verify the "
                + "audit rows it signed.", "Run it with the brain stopped; it says what it invalidates and asks first."})
public final class RotateSecretCommand implements Callable<Integer> {

    private final OperatorContext context;
    private final OperatorConsole console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    public RotateSecretCommand(OperatorContext context, OperatorConsole console) {
        this.context = context;
        this.console = console;
    }

    @Override
    public Integer call() {
        SecretRotation rotation = context.secretRotation();
        PrintWriter out = spec.commandLine().getOut();
        RotationPlan plan;
        try {
            plan = rotation.plan();
        } catch (IllegalStateException e) {
            throw new CommandFailure(2, e.getMessage());
        }
        out.println("z4j rotate-secret: this mints a new Z4J_SECRET to replace the current one (key "
                + plan.currentKeyId() + "):");
        plan.consequences().forEach(c -> out.println("  - " + c));
        if (!yes) {
            out.flush();
            if (!confirmed(console.readLine("Rotate the secret now? [y/N] ").orElse(""))) {
                throw new CommandFailure(1, "cancelled; nothing changed");
            }
        }
        RotationResult result;
        try {
            result = rotation.rotate(System.getProperty("user.name"));
        } catch (IllegalStateException e) {
            throw new CommandFailure(2, e.getMessage());
        }
        out.println("z4j rotate-secret: rotated (key " + result.oldKeyId() + " -> " + result.newKeyId()
                + "), recorded as audit row " + result.auditSeq() + " (system.secret_rotated)");
        result.invalidated().forEach((what, count) -> out.println("  invalidated " + count + " " + what));
        out.println("  next: start the brain, then give every agent new credentials");
        out.flush();
        return 0;
    }

    private static boolean confirmed(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
