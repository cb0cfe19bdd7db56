package io.daytona.cli.snapshot;

import io.daytona.cli.CliContext;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.sdk.CreateSnapshotParams;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Image;
import io.daytona.sdk.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona snapshot create NAME --image IMAGE | --dockerfile FILE [--context PATH...]}:
 * creates the snapshot and waits until it is active, with the build's log on stderr.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a snapshot from an image or a Dockerfile.")
public final class CreateSnapshotCommand implements Runnable {
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The snapshot's name.")
    String name;
    @Option(names = {"-i", "--image"}, description = "The image name for the snapshot (with a tag or digest, not latest).")
    String image;
    @Option(names = {"-f", "--dockerfile"}, description = "Path to Dockerfile to build.")
    Path dockerfile;
    @Option(names = {"-c", "--context"}, description = "Files or directories to include in the build context (repeatable). If not provided, context will be automatically determined from COPY/ADD commands in the Dockerfile.")
    List<Path> contexts = new ArrayList<>();
    @Option(names = {"-e", "--entrypoint"}, description = "The entrypoint command for the snapshot (split at spaces).")
    String entrypoint;
    @Option(names = "--cpu", description = "CPU cores that will be allocated to the underlying sandboxes (default: 1).")
    Integer cpu;
    @Option(names = "--memory", description = "Memory that will be allocated to the underlying sandboxes in GB (default: 1).")
    Integer memory;
    @Option(names = "--disk", description = "Disk space that will be allocated to the underlying sandboxes in GB (default: 3).")
    Integer disk;
    @Option(names = "--region", description = "ID of the region where the snapshot will be available (defaults to organization default region).")
    String region;

    public CreateSnapshotCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        CommandLine command = spec.commandLine();
        if ((image == null) == (dockerfile == null)) {
            throw new ParameterException(command, "Give exactly one of --image and --dockerfile");
        }
        if (!contexts.isEmpty() && dockerfile == null) {
            throw new ParameterException(command, "--context needs --dockerfile: it adds files to the Dockerfile's build context");
        }
        CreateSnapshotParams.Builder params = CreateSnapshotParams.builder(name);
        if (image != null) {
            params.image(image);
        } else {
            params.image(Image.fromDockerfile(dockerfile, contexts));
        }
        if (cpu != null || memory != null || disk != null) {
            params.resources(new Resources(cpu, memory, disk));
        }
        if (entrypoint != null && !entrypoint.isBlank()) {
            params.entrypoint(Arrays.asList(entrypoint.strip().split("\\s+")));
        }
        if (region != null) {
            params.regionId(region);
        }
        try (Daytona daytona = context.client()) {
            Snapshot snapshot = daytona.snapshot().create(params.build(), line -> {
                command.getErr().println(line);
                command.getErr().flush();
            }, TIMEOUT);
            command.getOut().println("Snapshot " + snapshot.name() + " is " + snapshot.state().wireValue()
                    + "; create a sandbox from it: daytona sandbox create --snapshot " + snapshot.name());
            command.getOut().flush();
        }
    }
}
