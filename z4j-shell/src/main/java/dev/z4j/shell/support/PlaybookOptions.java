package dev.z4j.shell.support;

import picocli.CommandLine.Option;

/** How a playbook's questions are answered: by the operator (default), or all at once for scripts. */
public final class PlaybookOptions {

    @Option(names = {"-y", "--yes"},
            description = "Answer yes to every change the playbook proposes, without asking (for scripts). Restoring "
                    + "a backup and rotating Z4J_SECRET need their own option as well.")
    boolean yes;

    @Option(names = "--no", description = "Answer no to every change: run the checks and explain, change nothing.")
    boolean no;
}
