package dev.z4j.shell.audit;

import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code z4j audit checkpoint}: the signed chain head, to keep off this machine for {@code verify --from-checkpoint}. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Write the chain head (row count, last seq, last row_hmac, time) as a signed checkpoint.",
                "Keep it off this machine: `z4j audit verify --from-checkpoint FILE` then proves the rows up to it "
                        + "were not rewritten or truncated, and walks only the rows after it."})
public final class AuditCheckpointCommand implements Callable<Integer> {

    private final OperatorContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (never overwritten) instead of stdout.")
    Path output;

    public AuditCheckpointCommand(OperatorContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AuditCheckpoint checkpoint;
        try {
            checkpoint = context.audit().checkpoint();
        } catch (IllegalStateException e) {
            throw new CommandFailure(1, e.getMessage());
        }
        if (output == null) {
            spec.commandLine().getOut().print(checkpoint.document());
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Files.writeString(output, checkpoint.document(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure(2, output + " already exists; choose another --output (checkpoints are never "
                    + "overwritten)");
        } catch (IOException e) {
            throw new CommandFailure(2, "cannot write " + output + " (" + e.getMessage() + ")");
        }
        spec.commandLine().getOut().println("z4j audit checkpoint: wrote " + output + " (row " + checkpoint.seq()
                + ", " + checkpoint.rows() + " rows, key " + checkpoint.keyId() + "); keep it off this machine");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
