package dev.z4j.shell.audit;

import dev.z4j.ports.system.AuditEvidence.EvidenceFile;
import dev.z4j.ports.system.AuditEvidence.EvidenceReport;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code z4j audit evidence}: the seed's "preserve evidence" step, byte for byte, with a manifest. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Preserve evidence after a suspected tamper: byte-exact copies of the database with its -wal "
                + "and -shm (no VACUUM), secret.env and the secrets in effect, and a manifest of sha256 digests and "
                + "times, in a new private directory.",
                "Default: $Z4J_HOME/evidence/z4j-evidence-<time>. Copy it off the host."})
public final class AuditEvidenceCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "A new directory for the evidence.")
    Path output;

    public AuditEvidenceCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        EvidenceReport report;
        try {
            report = context.evidence().collect(Optional.ofNullable(output));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(2, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("z4j audit evidence: " + report.directory());
        for (EvidenceFile f : report.files()) {
            out.println("  " + f.sha256().substring(0, 12) + "...  " + String.format("%12d", f.sizeBytes()) + "  "
                    + f.name());
        }
        report.notes().forEach(note -> out.println("  note: " + note));
        out.println("Manifest: " + report.manifest() + " (check the copies with `sha256sum -c SHA256SUMS` in that "
                + "directory). Copy the directory off this host.");
        out.flush();
        return 0;
    }
}
