package dev.z4j.shell.identity;

import dev.z4j.ports.identity.User;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.PasswordInput;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code z4j changepassword EMAIL}: the forgotten-password recovery. Argon2id, bumps {@code password_changed_at}, ends
 * every session of the user, lifts a sign-in lockout; audited with actor {@code cli}. Never renames an email.
 */
@Command(name = "changepassword", mixinStandardHelpOptions = true,
        description = "Set a user's password (prompts twice on a terminal, else reads one line from stdin).")
public final class ChangePasswordCommand implements Callable<Integer> {

    private final OperatorContext context;
    private final OperatorConsole console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's email.")
    String email;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    public ChangePasswordCommand(OperatorContext context, OperatorConsole console) {
        this.context = context;
        this.console = console;
    }

    @Override
    public Integer call() {
        User user = context.users().findByEmail(context.operator(), email)
                .orElseThrow(() -> new CommandFailure(1, "no user with email " + email
                        + " (see the users in the dashboard, or create an owner with `z4j createsuperuser`)"));
        String password = PasswordInput.read(console, passwordStdin);
        context.users().setPassword(context.operator(), user.id(), password);
        spec.commandLine().getOut().println("z4j changepassword: password changed for " + user.email()
                + "; every session of this user has ended");
        return 0;
    }
}
