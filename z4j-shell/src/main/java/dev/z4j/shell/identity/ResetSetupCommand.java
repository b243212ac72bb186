package dev.z4j.shell.identity;

import dev.z4j.ports.identity.FirstBoot.SetupInvitation;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code z4j reset-setup}: a fresh first-boot setup URL while no owner exists (the old one dies); refuses once an
 * owner exists. A running brain accepts the new link at once.
 */
@Command(name = "reset-setup", mixinStandardHelpOptions = true,
        description = "Print a fresh first-boot setup URL (only while no owner exists).")
public final class ResetSetupCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ResetSetupCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SetupInvitation invitation = context.firstBoot().inviteFirstOwner(context.operator())
                .orElseThrow(() -> new CommandFailure(1, "an owner already exists, so there is no setup to reset; "
                        + "sign in, or recover access with `z4j changepassword EMAIL` or `z4j createsuperuser`"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Open this URL in your browser to create the first owner:");
        out.println();
        out.println("  " + invitation.url());
        out.println();
        out.println("Token expires at: " + invitation.expiresAt().truncatedTo(ChronoUnit.SECONDS) + " (UTC). Single use; "
                + "any earlier setup link no longer works.");
        out.flush();
        return 0;
    }
}
