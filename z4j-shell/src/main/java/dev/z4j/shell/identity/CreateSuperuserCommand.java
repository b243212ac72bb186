package dev.z4j.shell.identity;

import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration.NewUser;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.PasswordInput;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j createsuperuser}: a fresh owner on an existing install, for when the last owner is gone. Projects,
 * agents, task history and the audit chain are untouched; the creation is audited with actor {@code cli}.
 */
@Command(name = "createsuperuser", mixinStandardHelpOptions = true,
        description = "Create an owner (works while the brain is stopped or running).")
public final class CreateSuperuserCommand implements Callable<Integer> {

    private final OperatorContext context;
    private final OperatorConsole console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--email", required = true, description = "The new owner's email (never changeable later).")
    String email;

    @Option(names = "--display-name", required = true, description = "The new owner's name.")
    String displayName;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    public CreateSuperuserCommand(OperatorContext context, OperatorConsole console) {
        this.context = context;
        this.console = console;
    }

    @Override
    public Integer call() {
        String password = PasswordInput.read(console, passwordStdin);
        User owner = context.users().create(context.operator(), new NewUser(email, displayName, password, true));
        spec.commandLine().getOut().println("z4j createsuperuser: created owner " + owner.email() + " (id "
                + owner.id() + "); sign in with it now");
        return 0;
    }
}
