package dev.z4j.shell.identity;

import dev.z4j.ports.identity.User;
import dev.z4j.shell.support.CommandRunner;
import dev.z4j.shell.support.IncidentPlaybook;
import dev.z4j.shell.support.OperatorConsole;
import dev.z4j.shell.support.OperatorContext;
import dev.z4j.shell.support.Playbook;
import dev.z4j.shell.support.UtcTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code z4j playbook lost-admin}: the operator page's "Lost last admin". Finds who can still administer the install,
 * then offers the seed's recoveries in its order: a new password for an owner ({@code changepassword}), a new owner
 * when none is left ({@code createsuperuser}), and a new owner with a new address when the old mailbox is gone.
 */
@Command(name = "lost-admin", mixinStandardHelpOptions = true,
        description = {"Recover administration from the CLI: find the active owners, then reset an owner's password, "
                + "create an owner when none is left, or create one with a new email when the old mailbox is lost.",
                "Scripts: z4j playbook lost-admin --email you@example.com --display-name \"You\" --password-stdin "
                        + "--yes creates that owner (the replacement for a deleted last owner, or for a lost "
                        + "mailbox); --reset-password EMAIL --password-stdin --yes sets an owner's password."})
public final class LostAdminPlaybook extends IncidentPlaybook {

    private static final int PAGE = 500;

    @Option(names = "--email", paramLabel = "NEW_EMAIL",
            description = "The email of the owner to create (when none is active, or to replace a lost mailbox).")
    String email;

    @Option(names = "--display-name", paramLabel = "NAME", description = "The new owner's name.")
    String displayName;

    @Option(names = "--reset-password", paramLabel = "EMAIL", description = "The owner whose password to reset.")
    String resetEmail;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    public LostAdminPlaybook(OperatorContext context, OperatorConsole console, CommandRunner runner) {
        super(context, console, runner);
    }

    @Override
    public Integer call() {
        Playbook p = start("lost-admin", "recover administration of this install from the CLI");
        p.step("who can administer this install?");
        List<User> users = allUsers();
        List<User> owners = users.stream().filter(u -> u.owner() && u.active()).toList();
        Optional<Playbook.Finding> noOwner = Optional.empty();
        if (owners.isEmpty()) {
            noOwner = Optional.of(p.problem("no active owner exists: nobody can manage users, projects or members "
                    + "(the last owner was deleted or deactivated)"));
            users.stream().filter(u -> u.owner() && !u.active()).forEach(u -> p.note("owner " + u.email()
                    + " exists but is deactivated"));
        } else {
            p.ok(owners.size() + " active owner" + (owners.size() == 1 ? "" : "s") + ": " + owners.stream()
                    .map(LostAdminPlaybook::describe).collect(Collectors.joining(", ")));
            if (owners.size() == 1) {
                p.note("a single owner is a single point of failure: keep a second one (step 4 can create it)");
            }
        }

        p.step("password forgotten");
        if (owners.isEmpty()) {
            p.note("there is no active owner whose password could be reset: see step 3");
        } else {
            resetPassword(p, owners);
        }

        p.step("last admin deleted");
        boolean emailUsed = false;
        if (noOwner.isPresent()) {
            emailUsed = true;
            if (createOwner(p, "create a fresh owner on this install")) {
                noOwner.get().resolve();
            } else {
                p.todo("create one: z4j createsuperuser --email you@example.com --display-name \"You\" "
                        + "--password-stdin" + (users.isEmpty() ? " (or, with no user at all, `z4j reset-setup` for "
                        + "a first-boot setup link)" : ""));
            }
        } else {
            p.ok("an active owner exists: nothing to recreate");
        }

        p.step("lost email access");
        p.note("no command renames an email: it is the user's identity in the audit trail, and renaming would mask it");
        if (!emailUsed && !owners.isEmpty() && (email != null || p.interactive())) {
            createOwner(p, "create an owner with the new address");
        }
        p.todo("sign in as the new owner, then delete the old user in Settings > Users (its audit trail stays)");
        return p.finish();
    }

    private void resetPassword(Playbook p, List<User> owners) {
        p.note("changepassword sets a new password (Argon2id) and ends every session of that user");
        Optional<String> target = Optional.ofNullable(resetEmail)
                .or(() -> p.askText("Email of the owner whose password to reset (Enter to skip):"));
        if (target.isEmpty()) {
            p.ok("no password to reset");
            return;
        }
        Optional<User> user = context.users().findByEmail(context.operator(), target.get());
        if (user.isEmpty()) {
            p.problem("no user with email " + target.get() + " (owners: " + owners.stream().map(u -> u.email()
                    .value()).collect(Collectors.joining(", ")) + ")");
            return;
        }
        if (!user.get().owner() || !user.get().active()) {
            p.note(user.get().email() + " is " + (user.get().active() ? "not an owner" : "deactivated")
                    + ": a new password will not give owner access");
        }
        if (p.confirm("Set a new password for " + user.get().email() + " now? Every session of this user ends.")) {
            List<String> args = new ArrayList<>(List.of("changepassword", user.get().email().value()));
            if (passwordStdin) {
                args.add("--password-stdin");
            }
            if (!p.run(args.toArray(String[]::new))) {
                p.problem("the password of " + user.get().email() + " was not changed (see the line above)");
            }
        }
    }

    /** Asks for (or takes from the options) the new owner's email and name, asks to create it, runs createsuperuser. */
    private boolean createOwner(Playbook p, String purpose) {
        Optional<String> newEmail = Optional.ofNullable(email)
                .or(() -> p.askText("Email of the new owner, to " + purpose + " (Enter to skip):"));
        if (newEmail.isEmpty()) {
            return false;
        }
        Optional<String> name = Optional.ofNullable(displayName).or(() -> p.askText("Display name of " + newEmail.get()
                + ":"));
        if (name.isEmpty()) {
            p.note("an owner needs a display name (--display-name)");
            return false;
        }
        if (!p.confirm("Create owner " + newEmail.get() + " (" + name.get() + ") now? Projects, agents, task history "
                + "and the audit chain stay as they are.")) {
            return false;
        }
        List<String> args = new ArrayList<>(List.of("createsuperuser", "--email", newEmail.get(), "--display-name",
                name.get()));
        if (passwordStdin) {
            args.add("--password-stdin");
        }
        return p.run(args.toArray(String[]::new));
    }

    private List<User> allUsers() {
        List<User> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<User> page = context.users().list(context.operator(), PAGE, offset);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    private static String describe(User owner) {
        return owner.email() + owner.lastLoginAt().map(t -> " (last sign-in " + UtcTime.seconds(t) + ")")
                .orElse(" (never signed in)");
    }
}
